package com.evplatform.simulator;

import java.time.Instant;

/**
 * A CALLERROR the central system answered to one of the charge point's CALLs, kept so tests can see why
 * the server refused a message.
 *
 * @param action the action of the CALL that was refused
 * @param errorCode the OCPP-J error code, e.g. {@code FormationViolation}
 * @param description the error description
 * @param frame the CALLERROR frame as received
 * @param receivedAt when it arrived
 */
public record ReceivedCallError(String action, String errorCode, String description, String frame, Instant receivedAt) {
}
