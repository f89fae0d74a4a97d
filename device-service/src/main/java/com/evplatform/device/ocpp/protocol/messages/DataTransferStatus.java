package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 DataTransferStatus. */
public enum DataTransferStatus {
    Accepted,
    Rejected,
    UnknownMessageId,
    UnknownVendorId
}
