package com.evplatform.charging.contract;

import java.time.Instant;
import java.util.List;

import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;

/**
 * What charging-service publishes about sessions on {@link ChargingEvents#EXCHANGE}, partitioned
 * by session. order-service bills from these; reconciliation compares them with the chargers'.
 */
public sealed interface SessionEvent {

    String sessionId();

    /** The session reached CHARGING: the charger reported the transaction for its idTag. */
    record SessionStarted(String sessionId, String userId, String operatorCode, ConnectorCode connectorCode,
            String chargePointId, int connectorId, int transactionId, long meterStartWh, Instant startedAt,
            TariffSnapshot tariff) implements SessionEvent {
    }

    /**
     * Everything billing needs, exactly: the meter start and stop, the energy by time-of-use
     * segment with each segment's fees and amount, the total, the tariff snapshot.
     */
    record SessionCompleted(String sessionId, String userId, String operatorCode, ConnectorCode connectorCode,
            String chargePointId, int connectorId, int transactionId, long meterStartWh, long meterStopWh,
            EnergyWh energyWh, Instant startedAt, Instant stoppedAt, StopReason stopReason,
            List<Pricing.SegmentEnergy> segments, Money total, TariffSnapshot tariff) implements SessionEvent {
        public SessionCompleted {
            segments = List.copyOf(segments);
        }
    }

    /** The session never charged; nothing is billed. */
    record SessionFailed(String sessionId, String userId, ConnectorCode connectorCode, String chargePointId,
            FailureReason failureReason, Instant failedAt) implements SessionEvent {
    }
}
