package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.FakeCentralSystem.ReceivedCall;

import tools.jackson.databind.JsonNode;

class BootIT extends SimulatorITSupport {

    @Test
    void bootsThenReportsEveryConnectorAvailable() {
        SimulatedChargePoint chargePoint = startOne(config());

        List<ReceivedCall> calls = server.calls(CP);
        assertThat(calls).extracting(ReceivedCall::action)
                .startsWith("BootNotification", "StatusNotification", "StatusNotification", "StatusNotification");
        JsonNode boot = calls.getFirst().payload();
        assertThat(boot.get("chargePointVendor").asString()).isEqualTo("EVPlatform");
        assertThat(boot.get("chargePointModel").asString()).isEqualTo("SimCharger");
        assertThat(boot.get("chargePointSerialNumber").asString()).isEqualTo(CP);
        assertThat(boot.get("firmwareVersion").asString()).isEqualTo("1.0.0");
        assertThat(calls.subList(1, 4)).extracting(call -> call.payload().get("connectorId").asInt()).containsExactly(0, 1, 2);
        assertThat(calls.subList(1, 4)).allSatisfy(call -> {
            assertThat(call.payload().get("status").asString()).isEqualTo("Available");
            assertThat(call.payload().get("errorCode").asString()).isEqualTo("NoError");
        });
        assertThat(chargePoint.isConnected()).isTrue();
        assertThat(chargePoint.registrationStatus()).contains(RegistrationStatus.ACCEPTED);
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.AVAILABLE);
        assertThat(chargePoint.heartbeatInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(server.connectionCount(CP)).isEqualTo(1);
    }

    @Test
    void sendsHeartbeatsAtTheIntervalTheServerGives() {
        server.bootStatus("Accepted", 1);
        SimulatedChargePoint chargePoint = startOne(config());

        awaitCalls(CP, "Heartbeat", 2);
        assertThat(chargePoint.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> chargePoint.stats().callResultsReceived() >= 6);
    }

    @Test
    void retriesBootWhilePendingAndSendsNothingElseUntilAccepted() {
        server.bootStatus("Pending", 1);
        simulator = Simulator.start(config().build());
        SimulatedChargePoint chargePoint = simulator.chargePoint(CP);

        awaitCalls(CP, "BootNotification", 2);
        assertThat(chargePoint.registrationStatus()).contains(RegistrationStatus.PENDING);
        JsonNode configuration = serverCall("GetConfiguration", FakeCentralSystem.payload());
        assertThat(configuration.get("configurationKey").size()).isPositive();
        assertThat(server.actions(CP)).containsOnly("BootNotification");

        server.bootStatus("Accepted", 300);
        chargePoint.awaitBooted(WAIT);
        awaitCalls(CP, "StatusNotification", 3);
        assertThat(chargePoint.stats().incomingCallsAnswered()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsLeaveTheChargePointDisconnected() {
        simulator = Simulator.start(config().password("wrong").autoReconnect(false).build());
        SimulatedChargePoint chargePoint = simulator.chargePoint(CP);

        await().atMost(WAIT).until(() -> chargePoint.stats().connectFailures() == 1);
        assertThat(server.rejectedHandshakes()).containsExactly(CP + " bad credentials");
        assertThat(chargePoint.isConnected()).isFalse();
        assertThat(simulator.stats().lastConnectError()).isNotBlank();
        assertThat(server.calls(CP)).isEmpty();
    }

    @Test
    void connectsAChargePointWithAnExplicitId() {
        simulator = Simulator.start(config().chargePointIds(List.of("CP-DEMO-1")).build());

        simulator.chargePoint("CP-DEMO-1").awaitBooted(WAIT);
        assertThat(server.calls("CP-DEMO-1", "BootNotification")).hasSize(1);
        assertThat(simulator.chargePoints()).extracting(SimulatedChargePoint::id).containsExactly("CP-DEMO-1");
    }
}
