package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 RegistrationStatus: the answer to a BootNotification. */
public enum RegistrationStatus {
    Accepted,
    Pending,
    Rejected
}
