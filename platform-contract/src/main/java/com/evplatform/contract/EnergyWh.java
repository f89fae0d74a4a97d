package com.evplatform.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount of energy in watt-hours: whole numbers, never floating point. On the wire it is a
 * plain JSON number of Wh, as OCPP reports it.
 */
public record EnergyWh(@JsonValue long wh) implements Comparable<EnergyWh> {

    public static final EnergyWh ZERO = new EnergyWh(0);

    public EnergyWh {
        if (wh < 0) {
            throw new IllegalArgumentException("energy cannot be negative: " + wh + " Wh");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EnergyWh of(long wh) {
        return wh == 0 ? ZERO : new EnergyWh(wh);
    }

    /** What a register moved from {@code start} to {@code stop}; zero if it did not move forward. */
    public static EnergyWh between(long startRegisterWh, long stopRegisterWh) {
        return of(Math.max(0, stopRegisterWh - startRegisterWh));
    }

    public EnergyWh plus(EnergyWh other) {
        return of(Math.addExact(wh, other.wh));
    }

    public EnergyWh minus(EnergyWh other) {
        return of(Math.subtractExact(wh, other.wh));
    }

    public boolean isZero() {
        return wh == 0;
    }

    @Override
    public int compareTo(EnergyWh other) {
        return Long.compare(wh, other.wh);
    }

    @Override
    public String toString() {
        return wh + " Wh";
    }
}
