package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.evplatform.simulator.FakeCentralSystem.ReceivedCall;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Starts a {@link FakeCentralSystem} per test and checks afterwards that every payload it got was schema-valid. */
abstract class SimulatorITSupport {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String CP = "SIM-0001";

    FakeCentralSystem server;
    Simulator simulator;
    boolean violationsExpected;

    @BeforeEach
    void startCentralSystem() {
        server = new FakeCentralSystem(SimulatorITSupport::passwordOf);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (simulator != null) {
            simulator.close();
        }
        server.close();
        if (!violationsExpected) {
            assertThat(server.violations()).as("schema violations and protocol errors").isEmpty();
        }
    }

    static String passwordOf(String chargePointId) {
        return "pw-" + chargePointId;
    }

    SimulatorConfig.Builder config() {
        return SimulatorConfig.builder()
                .baseUrl(server.baseUrl())
                .passwordFor(SimulatorITSupport::passwordOf)
                .connectorsPerCharger(2)
                .meterInterval(Duration.ofMillis(300))
                .speedup(600)
                .randomSeed(42)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .closeTimeout(Duration.ofSeconds(3));
    }

    /** Starts one charge point, {@value #CP}, and waits for its boot and status notifications. */
    SimulatedChargePoint startOne(SimulatorConfig.Builder config) {
        simulator = Simulator.start(config.build());
        SimulatedChargePoint chargePoint = simulator.chargePoint(CP);
        chargePoint.awaitBooted(WAIT);
        awaitCalls(CP, "StatusNotification", chargePoint.connectorCount() + 1);
        return chargePoint;
    }

    List<ReceivedCall> awaitCalls(String chargePointId, String action, int count) {
        await().atMost(WAIT).until(() -> server.calls(chargePointId, action).size() >= count);
        return server.calls(chargePointId, action);
    }

    JsonNode serverCall(String action, ObjectNode payload) {
        return server.callAndWait(CP, action, payload);
    }

    /** Starts a transaction on the connector through RemoteStartTransaction and returns its id. */
    int remoteStart(SimulatedChargePoint chargePoint, int connectorId, String idTag) {
        JsonNode answer = serverCall("RemoteStartTransaction",
                FakeCentralSystem.payload().put("connectorId", connectorId).put("idTag", idTag));
        assertThat(answer.get("status").asString()).isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> chargePoint.transactionId(connectorId).isPresent());
        return chargePoint.transactionId(connectorId).getAsInt();
    }

    /** Status notifications of one connector, in order. */
    List<String> statuses(String chargePointId, int connectorId) {
        return server.calls(chargePointId, "StatusNotification").stream()
                .filter(call -> call.payload().get("connectorId").asInt() == connectorId)
                .map(call -> call.payload().get("status").asString())
                .toList();
    }

    /** Waits for the charge point to settle: a triggered Heartbeat comes after everything queued before it. */
    void awaitQueueFlushed(SimulatedChargePoint chargePoint) {
        int heartbeats = server.calls(chargePoint.id(), "Heartbeat").size();
        JsonNode answer = server.callAndWait(chargePoint.id(), "TriggerMessage",
                FakeCentralSystem.payload().put("requestedMessage", "Heartbeat"));
        assertThat(answer.get("status").asString()).isEqualTo("Accepted");
        awaitCalls(chargePoint.id(), "Heartbeat", heartbeats + 1);
    }

    static long sample(JsonNode meterValues, String measurand) {
        for (JsonNode sample : meterValues.get("meterValue").get(0).get("sampledValue")) {
            if (sample.get("measurand").asString().equals(measurand)) {
                return Long.parseLong(sample.get("value").asString());
            }
        }
        throw new AssertionError("no " + measurand + " in " + meterValues);
    }
}
