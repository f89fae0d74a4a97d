package com.evplatform.simulator;

/** OCPP 1.6 {@code Reason} of a StopTransaction. */
public enum StopReason {
    EMERGENCY_STOP("EmergencyStop"),
    EV_DISCONNECTED("EVDisconnected"),
    HARD_RESET("HardReset"),
    LOCAL("Local"),
    OTHER("Other"),
    POWER_LOSS("PowerLoss"),
    REBOOT("Reboot"),
    REMOTE("Remote"),
    SOFT_RESET("SoftReset"),
    UNLOCK_COMMAND("UnlockCommand"),
    DE_AUTHORIZED("DeAuthorized");

    private final String ocppName;

    StopReason(String ocppName) {
        this.ocppName = ocppName;
    }

    /** The value as written on the wire. */
    public String ocppName() {
        return ocppName;
    }
}
