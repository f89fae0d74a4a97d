package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;

/** StatusNotification (charge point &rarr; central system), OCPP 1.6 sections 6.47 and 6.48. */
public final class StatusNotification {

    private StatusNotification() {
    }

    /**
     * @param connectorId     0 for the charge point as a whole
     * @param info            optional free text (at most 50 characters)
     * @param timestamp       optional: when the status changed
     * @param vendorId        optional: whose {@code vendorErrorCode} this is
     * @param vendorErrorCode optional
     */
    public record Request(int connectorId, ChargePointErrorCode errorCode, String info, ChargePointStatus status,
                          Instant timestamp, String vendorId, String vendorErrorCode) implements ChargePointRequest {
    }

    /** No fields. */
    public record Response() implements ChargePointResponse {
    }
}
