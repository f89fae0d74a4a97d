package com.evplatform.simulator;

import java.time.Instant;

/**
 * A transaction on one connector. The central system's transaction id arrives with the StartTransaction
 * answer, possibly long after the start when the charge point was offline; messages queued meanwhile read it
 * when they are sent.
 */
final class Transaction {

    final int connectorId;
    final String idTag;
    final long meterStartWh;
    final Instant startedAt;
    volatile Integer transactionId;
    boolean charging;
    boolean stopped;

    Transaction(int connectorId, String idTag, long meterStartWh, Instant startedAt) {
        this.connectorId = connectorId;
        this.idTag = idTag;
        this.meterStartWh = meterStartWh;
        this.startedAt = startedAt;
    }
}
