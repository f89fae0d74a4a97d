package com.evplatform.charging.contract;

/** Why a session never started charging (API.md "Charging sessions"). */
public enum FailureReason {
    /** No device-service instance holds the charger's connection. */
    CHARGER_OFFLINE,
    /** The charger refused the remote start, or answered it with an error. */
    CHARGER_REJECTED,
    /** The charger did not report a transaction within the start timeout. */
    START_TIMEOUT
}
