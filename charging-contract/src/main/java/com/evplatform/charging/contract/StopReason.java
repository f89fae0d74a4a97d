package com.evplatform.charging.contract;

/** Who or what ended a session that charged (API.md "Charging sessions"). */
public enum StopReason {
    /** The driver asked, and the charger stopped on our remote stop. */
    USER,
    /** An operator or admin asked, and the charger stopped on our remote stop. */
    OPERATOR,
    /** The charger ended it itself: unplug, local stop, fault, reset. */
    CHARGER,
    /** The platform stopped it: the cost reached the balance the driver started with. */
    BALANCE,
    /**
     * An admin or the station's operator ended it by hand because the charger never reported the
     * stop; billed on the last known meter reading or the one they gave.
     */
    FORCED,
    /**
     * The platform's watchdog ended it: no meter values for too long, or the charger ignored every
     * remote stop; billed on the last known meter reading.
     */
    WATCHDOG
}
