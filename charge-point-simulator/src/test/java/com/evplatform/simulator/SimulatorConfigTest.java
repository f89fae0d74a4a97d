package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void numbersChargePointsFromThePrefixWithFourDigits() {
        SimulatorConfig config = SimulatorConfig.builder().idPrefix("SIM-").count(3).build();

        assertThat(config.chargePointIds()).containsExactly("SIM-0001", "SIM-0002", "SIM-0003");
        assertThat(SimulatorConfig.chargePointId("SIM-", 10_000)).isEqualTo("SIM-10000");
        assertThat(SimulatorConfig.builder().count(10_001).build().chargePointIds().getLast()).isEqualTo("SIM-10001");
    }

    @Test
    void explicitIdsReplaceThePrefix() {
        SimulatorConfig config = SimulatorConfig.builder().count(5).chargePointIds(List.of("CP-DEMO-1")).build();

        assertThat(config.chargePointIds()).containsExactly("CP-DEMO-1");
    }

    @Test
    void hasUsableDefaults() {
        SimulatorConfig config = SimulatorConfig.builder().build();

        assertThat(config.baseUrl()).isEqualTo("ws://localhost:8080/ocpp");
        assertThat(config.chargePointIds()).containsExactly("SIM-0001");
        assertThat(config.passwordFor("SIM-0001")).isEmpty();
        assertThat(config.connectorsPerCharger()).isEqualTo(2);
        assertThat(config.meterInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.heartbeatInterval()).isEmpty();
        assertThat(config.speedup()).isEqualTo(1.0);
        assertThat(config.maxPowerKw()).isEqualTo(22.0);
        assertThat(config.batteryCapacityKwh()).isEqualTo(60.0);
        assertThat(config.remoteStart()).isEqualTo(RemoteStartBehaviour.ACCEPT);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectRatePerSecond()).isEqualTo(200);
        assertThat(config.autoReconnect()).isTrue();
        assertThat(config.idTag()).isEqualTo("SIMLOCAL");
        assertThat(config.stopTransactionOnInvalidId()).isTrue();
    }

    @Test
    void passwordsCanDifferPerChargePoint() {
        SimulatorConfig config = SimulatorConfig.builder().passwordFor(id -> "pw-" + id).build();

        assertThat(config.passwordFor("SIM-0001")).contains("pw-SIM-0001");
        assertThat(SimulatorConfig.builder().password("one").build().passwordFor("X")).contains("one");
    }

    @Test
    void stripsATrailingSlashFromTheBaseUrl() {
        assertThat(SimulatorConfig.builder().baseUrl("ws://host:9000/ocpp/").build().baseUrl())
                .isEqualTo("ws://host:9000/ocpp");
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().baseUrl("http://x/ocpp").build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().count(0).build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().chargePointIds(List.of("A", "A")).build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().vendor("a vendor name longer than 20").build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().idTag("").build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().speedup(0).build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().autoChargeShare(1.5).build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder().meterInterval(Duration.ZERO).build());
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatorConfig.builder()
                .reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build());
    }
}
