package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 Reason: why a transaction stopped (absent in a StopTransaction means Local). */
public enum Reason {
    EmergencyStop,
    EVDisconnected,
    HardReset,
    Local,
    Other,
    PowerLoss,
    Reboot,
    Remote,
    SoftReset,
    UnlockCommand,
    DeAuthorized
}
