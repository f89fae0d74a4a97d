package com.evplatform.reconciliation.records.model;

import java.time.Instant;
import java.util.Optional;

import com.evplatform.contract.EnergyWh;

/**
 * A transaction as the charger reported it: its register at start and, once stopped, at stop.
 *
 * @param operatorCode the operator of the charger's station (absent in events from before it was published)
 * @param sessionId the platform session that started it; absent when the charger started it on its own idTag
 */
public record ChargerTransaction(int transactionId, String chargePointId, int connectorId, String operatorCode,
        String sessionId, long meterStartWh, Long meterStopWh, Instant startedAt, Instant stoppedAt) {

    /** The energy the charger delivered, once it reported the stop. */
    public Optional<EnergyWh> energy() {
        return meterStopWh == null ? Optional.empty() : Optional.of(EnergyWh.between(meterStartWh, meterStopWh));
    }
}
