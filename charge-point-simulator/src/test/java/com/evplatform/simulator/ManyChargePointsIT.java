package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ManyChargePointsIT extends SimulatorITSupport {

    @Test
    void twoHundredChargePointsConnectAndBoot() {
        simulator = Simulator.start(config().count(200).connectRatePerSecond(1000).build());

        simulator.awaitAllBooted(Duration.ofSeconds(30));

        SimulatorStats stats = simulator.stats();
        assertThat(stats.chargePoints()).isEqualTo(200);
        assertThat(stats.booted()).isEqualTo(200);
        assertThat(stats.connected()).isEqualTo(200);
        assertThat(simulator.chargePoint("SIM-0200").isBooted()).isTrue();
        await().atMost(WAIT).until(() -> simulator.chargePoints().stream()
                .allMatch(cp -> server.calls(cp.id(), "StatusNotification").size() == 3));
        assertThat(simulator.chargePoints()).allSatisfy(cp ->
                assertThat(server.calls(cp.id(), "BootNotification")).hasSize(1));
    }
}
