package com.evplatform.charging.session.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What charging-service publishes on {@code charging.events}, partitioned by session. Order-service bills from these. */
public final class SessionEvents {

    public static final String SESSION_STARTED = "charging.session-started";
    public static final String SESSION_COMPLETED = "charging.session-completed";
    public static final String SESSION_FAILED = "charging.session-failed";

    private SessionEvents() {
    }

    public record SessionStarted(String sessionId, String userId, String operatorCode, String connectorCode,
            String chargePointId, int connectorId, int transactionId, long meterStartWh, Instant startedAt,
            TariffSnapshot tariff) {
    }

    /**
     * Everything billing needs, exactly: the meter start and stop, the energy by time-of-use
     * segment with each segment's fees and amount, the total rounded once, the tariff snapshot.
     */
    public record SessionCompleted(String sessionId, String userId, String operatorCode, String connectorCode,
            String chargePointId, int connectorId, int transactionId, long meterStartWh, long meterStopWh,
            long energyWh, Instant startedAt, Instant stoppedAt, String stopReason,
            List<Pricing.SegmentEnergy> segments, BigDecimal totalAmount, TariffSnapshot tariff) {
    }

    public record SessionFailed(String sessionId, String userId, String connectorCode, String chargePointId,
            String failureReason, Instant failedAt) {
    }
}
