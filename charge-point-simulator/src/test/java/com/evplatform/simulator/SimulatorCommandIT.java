package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.cli.SimulatorCommand;

class SimulatorCommandIT extends SimulatorITSupport {

    @Test
    void runsAutoChargingChargePointsForTheDurationAndStopsTheirTransactions() throws InterruptedException {
        StringWriter out = new StringWriter();
        String[] ids = {"CLI-0001", "CLI-0002", "CLI-0003"};
        String passwordOfAll = "pw-shared";
        server.close();
        server = new FakeCentralSystem(id -> passwordOfAll);

        int exitCode = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).execute(
                "--url", server.baseUrl(), "--count", "3", "--id-prefix", "CLI-", "--password", passwordOfAll,
                "--auto-charge-share", "1", "--meter-interval", "500ms", "--speedup", "60",
                "--duration", "4s", "--stats-interval", "1s");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Simulating 3 charge point(s)", "connected 3/3", "Done: 3 of 3");
        for (String id : ids) {
            assertThat(server.calls(id, "StartTransaction")).singleElement()
                    .satisfies(call -> assertThat(call.payload().get("idTag").asString()).isEqualTo("SIMLOCAL"));
            assertThat(server.calls(id, "MeterValues")).isNotEmpty();
            assertThat(server.calls(id, "StopTransaction")).singleElement()
                    .satisfies(call -> assertThat(call.payload().get("reason").asString()).isEqualTo("Local"));
        }
    }
}
