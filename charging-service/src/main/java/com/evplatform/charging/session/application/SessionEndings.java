package com.evplatform.charging.session.application;

import java.time.Instant;

import com.evplatform.charging.contract.StopReason;

/**
 * Port: the audit of sessions the platform ended without the charger's stop, one record per
 * session (a second one for the same session is refused by the store).
 */
public interface SessionEndings {

    /**
     * @param endedBy the user id of the admin or operator, or {@code watchdog}
     * @param endedByRole ADMIN, OPERATOR or WATCHDOG
     * @param cause the admin's reason, or what the watchdog found
     * @param statusBefore CHARGING or STOPPING
     * @param lastKnownWh the last meter reading the charger reported
     * @param meterStopWh the reading the session was billed on
     * @param readingGiven whether {@code meterStopWh} was given by the caller rather than the last known one
     */
    record Ending(String sessionId, StopReason stopReason, String endedBy, String endedByRole, Instant endedAt,
            String cause, String statusBefore, long lastKnownWh, long meterStopWh, boolean readingGiven) {
    }

    void record(Ending ending);
}
