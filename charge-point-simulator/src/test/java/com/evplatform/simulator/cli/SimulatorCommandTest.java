package com.evplatform.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.RemoteStartBehaviour;
import com.evplatform.simulator.SimulatorConfig;

import picocli.CommandLine;

class SimulatorCommandTest {

    @Test
    void mapsOptionsToTheConfiguration() {
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs("--url", "ws://example:9000/ocpp", "--count", "100", "--id-prefix", "LOAD-",
                "--password", "secret", "--connectors", "3", "--meter-interval", "30s", "--heartbeat", "60s",
                "--speedup", "60", "--max-power-kw", "60", "--battery-kwh", "80", "--remote-start", "never-start",
                "--auto-charge-share", "0.1", "--id-tag", "LOADTAG", "--connect-rate", "500", "--call-timeout", "5s",
                "--no-reconnect", "--seed", "7", "--keep-charging-on-invalid-id", "--connect-timeout", "20s",
                "--reconnect-backoff", "2s", "--reconnect-max-backoff", "60s");

        SimulatorConfig config = command.toConfig();

        assertThat(config.baseUrl()).isEqualTo("ws://example:9000/ocpp");
        assertThat(config.chargePointIds()).hasSize(100).startsWith("LOAD-0001").endsWith("LOAD-0100");
        assertThat(config.passwordFor("LOAD-0001")).contains("secret");
        assertThat(config.connectorsPerCharger()).isEqualTo(3);
        assertThat(config.meterInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.heartbeatInterval()).contains(Duration.ofSeconds(60));
        assertThat(config.speedup()).isEqualTo(60);
        assertThat(config.maxPowerKw()).isEqualTo(60);
        assertThat(config.batteryCapacityKwh()).isEqualTo(80);
        assertThat(config.remoteStart()).isEqualTo(RemoteStartBehaviour.ACCEPT_NEVER_START);
        assertThat(config.autoChargeShare()).isEqualTo(0.1);
        assertThat(config.idTag()).isEqualTo("LOADTAG");
        assertThat(config.stopTransactionOnInvalidId()).isFalse();
        assertThat(config.connectRatePerSecond()).isEqualTo(500);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.autoReconnect()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.reconnectMinBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.reconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.stopTransactionsOnClose()).isTrue();
        assertThat(config.randomSeed()).hasValue(7);
    }

    @Test
    void explicitIdsReplaceCountAndPrefix() {
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs("--id", "CP-DEMO-1,CP-DEMO-2", "--count", "50");

        assertThat(command.toConfig().chargePointIds()).containsExactly("CP-DEMO-1", "CP-DEMO-2");
        assertThat(command.toConfig().stopTransactionOnInvalidId()).isTrue();
    }

    @Test
    void printsHelp() {
        StringWriter out = new StringWriter();
        int exitCode = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--url", "--count", "--auto-charge-share", "--remote-start", "--duration");
    }

    @Test
    void rejectsUnknownRemoteStartBehaviourAndInvalidSettings() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = SimulatorCommand.commandLine().setErr(new PrintWriter(err));

        assertThat(commandLine.execute("--remote-start", "maybe")).isEqualTo(2);
        assertThat(err.toString()).contains("accept, reject, never-start, late");
        assertThat(SimulatorCommand.commandLine().setErr(new PrintWriter(new StringWriter()))
                .execute("--url", "http://wrong", "--duration", "1s")).isEqualTo(2);
    }
}
