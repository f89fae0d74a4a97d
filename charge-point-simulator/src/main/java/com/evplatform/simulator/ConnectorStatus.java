package com.evplatform.simulator;

/** A connector's OCPP 1.6 {@code ChargePointStatus}, as reported in StatusNotification. */
public enum ConnectorStatus {
    AVAILABLE("Available"),
    PREPARING("Preparing"),
    CHARGING("Charging"),
    SUSPENDED_EVSE("SuspendedEVSE"),
    SUSPENDED_EV("SuspendedEV"),
    FINISHING("Finishing"),
    RESERVED("Reserved"),
    UNAVAILABLE("Unavailable"),
    FAULTED("Faulted");

    private final String ocppName;

    ConnectorStatus(String ocppName) {
        this.ocppName = ocppName;
    }

    /** The value as written on the wire. */
    public String ocppName() {
        return ocppName;
    }
}
