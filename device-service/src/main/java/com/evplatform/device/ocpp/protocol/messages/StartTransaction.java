package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;

/** StartTransaction (charge point &rarr; central system), OCPP 1.6 sections 6.45 and 6.46. */
public final class StartTransaction {

    private StartTransaction() {
    }

    /**
     * @param connectorId   the connector (&gt; 0)
     * @param meterStart    the meter reading in Wh when the transaction started
     * @param reservationId optional: the reservation this transaction ends
     */
    public record Request(int connectorId, String idTag, int meterStart, Integer reservationId, Instant timestamp) {
    }

    public record Response(IdTagInfo idTagInfo, int transactionId) {
    }
}
