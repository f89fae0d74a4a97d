package com.evplatform.device.ocpp.protocol.messages;

/** DiagnosticsStatusNotification (charge point &rarr; central system), OCPP 1.6 sections 6.17 and 6.18. */
public final class DiagnosticsStatusNotification {

    private DiagnosticsStatusNotification() {
    }

    public record Request(DiagnosticsStatus status) implements ChargePointRequest {
    }

    /** No fields. */
    public record Response() implements ChargePointResponse {
    }
}
