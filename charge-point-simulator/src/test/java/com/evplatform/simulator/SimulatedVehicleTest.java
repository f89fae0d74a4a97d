package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimulatedVehicleTest {

    @Test
    void drawsFullPowerBelowEightyPercent() {
        SimulatedVehicle vehicle = new SimulatedVehicle(60_000, 22_000, 20);

        double energy = vehicle.charge(3600);

        assertThat(energy).isCloseTo(22_000, within(1.0));
        assertThat(vehicle.stateOfChargePercent()).isCloseTo(20 + 22_000 / 60_000.0 * 100, within(0.01));
    }

    @Test
    void tapersPowerLinearlyFromEightyToHundredPercent() {
        assertThat(new SimulatedVehicle(60_000, 22_000, 80).powerW()).isCloseTo(22_000, within(0.1));
        assertThat(new SimulatedVehicle(60_000, 22_000, 90).powerW()).isCloseTo(11_000, within(0.1));
        assertThat(new SimulatedVehicle(60_000, 22_000, 100).powerW()).isZero();
    }

    @Test
    void neverChargesBeyondAFullBattery() {
        SimulatedVehicle vehicle = new SimulatedVehicle(60_000, 60_000, 50);

        double energy = vehicle.charge(24 * 3600);

        assertThat(energy).isLessThanOrEqualTo(30_000 + 1e-6);
        assertThat(vehicle.stateOfChargePercent()).isLessThanOrEqualTo(100).isGreaterThan(99);
    }

    @Test
    void chargesNothingInNoTime() {
        SimulatedVehicle vehicle = new SimulatedVehicle(60_000, 22_000, 30);

        assertThat(vehicle.charge(0)).isZero();
        assertThat(vehicle.charge(-5)).isZero();
    }
}
