package com.evplatform.device.ocpp.protocol.messages;

/** FirmwareStatusNotification (charge point &rarr; central system), OCPP 1.6 sections 6.19 and 6.20. */
public final class FirmwareStatusNotification {

    private FirmwareStatusNotification() {
    }

    public record Request(FirmwareStatus status) implements ChargePointRequest {
    }

    /** No fields. */
    public record Response() implements ChargePointResponse {
    }
}
