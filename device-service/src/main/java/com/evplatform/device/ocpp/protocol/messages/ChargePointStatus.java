package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 ChargePointStatus: the state of a connector (or of the charge point, connector 0). */
public enum ChargePointStatus {
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted
}
