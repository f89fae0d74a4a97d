package com.evplatform.simulator;

/** OCPP 1.6 {@code ChargePointErrorCode}: the error a StatusNotification reports for a connector. */
public enum ConnectorErrorCode {
    CONNECTOR_LOCK_FAILURE("ConnectorLockFailure"),
    EV_COMMUNICATION_ERROR("EVCommunicationError"),
    GROUND_FAILURE("GroundFailure"),
    HIGH_TEMPERATURE("HighTemperature"),
    INTERNAL_ERROR("InternalError"),
    LOCAL_LIST_CONFLICT("LocalListConflict"),
    NO_ERROR("NoError"),
    OTHER_ERROR("OtherError"),
    OVER_CURRENT_FAILURE("OverCurrentFailure"),
    POWER_METER_FAILURE("PowerMeterFailure"),
    POWER_SWITCH_FAILURE("PowerSwitchFailure"),
    READER_FAILURE("ReaderFailure"),
    RESET_FAILURE("ResetFailure"),
    UNDER_VOLTAGE("UnderVoltage"),
    OVER_VOLTAGE("OverVoltage"),
    WEAK_SIGNAL("WeakSignal");

    private final String ocppName;

    ConnectorErrorCode(String ocppName) {
        this.ocppName = ocppName;
    }

    /** The value as written on the wire. */
    public String ocppName() {
        return ocppName;
    }
}
