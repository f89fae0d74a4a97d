package com.evplatform.simulator;

/**
 * The battery of the vehicle plugged into a connector: full power up to 80 % state of charge, then tapering
 * linearly to zero at 100 %, which gives meter values the shape of a real charging session.
 */
final class SimulatedVehicle {

    static final double TAPER_START_PERCENT = 80.0;
    private static final double MAX_STEP_SECONDS = 10.0;

    private final double capacityWh;
    private final double maxPowerW;
    private double stateOfChargePercent;

    SimulatedVehicle(double capacityWh, double maxPowerW, double stateOfChargePercent) {
        if (capacityWh <= 0 || maxPowerW <= 0) {
            throw new IllegalArgumentException("capacity and power must be positive");
        }
        this.capacityWh = capacityWh;
        this.maxPowerW = maxPowerW;
        this.stateOfChargePercent = Math.clamp(stateOfChargePercent, 0.0, 100.0);
    }

    double stateOfChargePercent() {
        return stateOfChargePercent;
    }

    /** The power the vehicle draws now, in W. */
    double powerW() {
        if (stateOfChargePercent < TAPER_START_PERCENT) {
            return maxPowerW;
        }
        return maxPowerW * (100.0 - stateOfChargePercent) / (100.0 - TAPER_START_PERCENT);
    }

    /**
     * Charges for the given (simulated) time, integrating the power curve in small steps so long intervals at a
     * high speed-up still follow the taper.
     *
     * @return the energy delivered, in Wh
     */
    double charge(double seconds) {
        double delivered = 0;
        double remaining = Math.max(0, seconds);
        while (remaining > 0 && stateOfChargePercent < 100.0) {
            double step = Math.min(remaining, MAX_STEP_SECONDS);
            double energyWh = powerW() * step / 3600.0;
            double roomWh = (100.0 - stateOfChargePercent) / 100.0 * capacityWh;
            energyWh = Math.min(energyWh, roomWh);
            stateOfChargePercent = Math.min(100.0, stateOfChargePercent + energyWh / capacityWh * 100.0);
            delivered += energyWh;
            remaining -= step;
        }
        return delivered;
    }
}
