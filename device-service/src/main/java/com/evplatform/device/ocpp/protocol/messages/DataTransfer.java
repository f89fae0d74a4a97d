package com.evplatform.device.ocpp.protocol.messages;

/** DataTransfer (either direction), OCPP 1.6 sections 6.15 and 6.16. */
public final class DataTransfer {

    private DataTransfer() {
    }

    /**
     * @param vendorId  required: whose extension this is
     * @param messageId optional
     * @param data      optional, free text (often JSON in a string)
     */
    public record Request(String vendorId, String messageId, String data) implements ChargePointRequest {
    }

    /** @param data optional */
    public record Response(DataTransferStatus status, String data) implements ChargePointResponse {
    }
}
