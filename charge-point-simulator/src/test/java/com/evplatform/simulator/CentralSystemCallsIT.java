package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CentralSystemCallsIT extends SimulatorITSupport {

    @Test
    void answersUnknownActionsWithNotImplemented() {
        SimulatedChargePoint chargePoint = startOne(config());

        assertThatThrownBy(() -> serverCall("DataTransfer", FakeCentralSystem.payload().put("vendorId", "x")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(FakeCentralSystem.CallErrorReceived.class,
                        error -> assertThat(error.errorCode).isEqualTo("NotImplemented"));
        assertThat(chargePoint.stats().incomingCallsAnswered()).isEqualTo(1);
    }

    @Test
    void answersAMalformedPayloadWithACallError() {
        startOne(config());

        assertThatThrownBy(() -> serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 1)))
                .cause().isInstanceOfSatisfying(FakeCentralSystem.CallErrorReceived.class,
                        error -> assertThat(error.errorCode).isEqualTo("FormationViolation"));
    }

    @Test
    void ignoresAndCountsFramesItCannotParse() {
        SimulatedChargePoint chargePoint = startOne(config());

        server.sendText(CP, "this is not json");
        server.sendText(CP, "[9,\"x\",{}]");
        server.sendText(CP, "[3,\"no-such-call\",{}]");

        await().atMost(WAIT).until(() -> chargePoint.stats().framesIgnored() == 3);
        awaitQueueFlushed(chargePoint);
        assertThat(chargePoint.isConnected()).isTrue();
    }

    @Test
    void resetStopsTheTransactionAndBootsAgain() {
        SimulatedChargePoint chargePoint = startOne(config());
        remoteStart(chargePoint, 1, "TAG-1");

        JsonNode answer = serverCall("Reset", FakeCentralSystem.payload().put("type", "Soft"));

        assertThat(answer.get("status").asString()).isEqualTo("Accepted");
        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("reason").asString()).isEqualTo("SoftReset");
        await().atMost(WAIT).until(() -> server.connectionCount(CP) == 2);
        awaitCalls(CP, "BootNotification", 2);
        chargePoint.awaitBooted(WAIT);
        assertThat(server.calls(CP, "StopTransaction").getFirst().connection()).isEqualTo(1);
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.AVAILABLE);
    }

    @Test
    void changeAvailabilityMakesConnectorsUnavailableOrSchedulesItDuringATransaction() {
        SimulatedChargePoint chargePoint = startOne(config());

        JsonNode inoperative = serverCall("ChangeAvailability",
                FakeCentralSystem.payload().put("connectorId", 2).put("type", "Inoperative"));
        assertThat(inoperative.get("status").asString()).isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> statuses(CP, 2).getLast().equals("Unavailable"));
        JsonNode refused = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 2).put("idTag", "T"));
        assertThat(refused.get("status").asString()).isEqualTo("Rejected");
        JsonNode operative = serverCall("ChangeAvailability",
                FakeCentralSystem.payload().put("connectorId", 2).put("type", "Operative"));
        assertThat(operative.get("status").asString()).isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> statuses(CP, 2).getLast().equals("Available"));

        int transactionId = remoteStart(chargePoint, 1, "TAG-1");
        JsonNode scheduled = serverCall("ChangeAvailability",
                FakeCentralSystem.payload().put("connectorId", 1).put("type", "Inoperative"));
        assertThat(scheduled.get("status").asString()).isEqualTo("Scheduled");
        serverCall("RemoteStopTransaction", FakeCentralSystem.payload().put("transactionId", transactionId));
        await().atMost(WAIT).until(() -> statuses(CP, 1).getLast().equals("Unavailable"));
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.UNAVAILABLE);
    }

    @Test
    void triggerMessageSendsTheRequestedMessage() {
        SimulatedChargePoint chargePoint = startOne(config());

        assertThat(trigger("StatusNotification", 2)).isEqualTo("Accepted");
        awaitCalls(CP, "StatusNotification", 4);
        assertThat(server.calls(CP, "StatusNotification").getLast().payload().get("connectorId").asInt()).isEqualTo(2);

        assertThat(trigger("MeterValues", 1)).isEqualTo("Accepted");
        JsonNode meterValues = awaitCalls(CP, "MeterValues", 1).getFirst().payload();
        assertThat(meterValues.get("meterValue").get(0).get("sampledValue").get(0).get("context").asString()).isEqualTo("Trigger");
        assertThat(sample(meterValues, "Energy.Active.Import.Register")).isEqualTo(chargePoint.meterRegisterWh(1));

        assertThat(trigger("BootNotification", null)).isEqualTo("Accepted");
        awaitCalls(CP, "BootNotification", 2);
        assertThat(trigger("Heartbeat", null)).isEqualTo("Accepted");
        awaitCalls(CP, "Heartbeat", 1);

        assertThat(trigger("DiagnosticsStatusNotification", null)).isEqualTo("NotImplemented");
        assertThat(trigger("StatusNotification", 9)).isEqualTo("Rejected");
        assertThat(chargePoint.isBooted()).isTrue();
    }

    @Test
    void getConfigurationListsKnownKeysAndUnknownOnes() {
        startOne(config());

        JsonNode all = serverCall("GetConfiguration", FakeCentralSystem.payload());
        assertThat(all.get("configurationKey")).extracting(key -> key.get("key").asString())
                .contains("HeartbeatInterval", "MeterValueSampleInterval", "NumberOfConnectors");
        assertThat(all.has("unknownKey")).isFalse();

        JsonNode some = serverCall("GetConfiguration", FakeCentralSystem.payload().set("key",
                FakeCentralSystem.JSON.createArrayNode().add("NumberOfConnectors").add("NoSuchKey")));
        assertThat(some.get("configurationKey")).hasSize(1);
        JsonNode connectors = some.get("configurationKey").get(0);
        assertThat(connectors.get("value").asString()).isEqualTo("2");
        assertThat(connectors.get("readonly").asBoolean()).isTrue();
        assertThat(some.get("unknownKey").get(0).asString()).isEqualTo("NoSuchKey");
    }

    @Test
    void changeConfigurationAppliesTheHeartbeatInterval() {
        SimulatedChargePoint chargePoint = startOne(config());

        assertThat(changeConfiguration("HeartbeatInterval", "1")).isEqualTo("Accepted");
        awaitCalls(CP, "Heartbeat", 2);
        assertThat(chargePoint.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));

        assertThat(changeConfiguration("MeterValueSampleInterval", "5")).isEqualTo("Accepted");
        assertThat(chargePoint.meterInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changeConfiguration("MeterValueSampleInterval", "soon")).isEqualTo("Rejected");
        assertThat(changeConfiguration("NumberOfConnectors", "4")).isEqualTo("Rejected");
        assertThat(changeConfiguration("NoSuchKey", "1")).isEqualTo("NotSupported");
    }

    @Test
    void unlockConnectorStopsItsTransaction() {
        SimulatedChargePoint chargePoint = startOne(config());
        remoteStart(chargePoint, 1, "TAG-1");

        JsonNode answer = serverCall("UnlockConnector", FakeCentralSystem.payload().put("connectorId", 1));

        assertThat(answer.get("status").asString()).isEqualTo("Unlocked");
        assertThat(awaitCalls(CP, "StopTransaction", 1).getFirst().payload().get("reason").asString()).isEqualTo("UnlockCommand");
        assertThat(serverCall("UnlockConnector", FakeCentralSystem.payload().put("connectorId", 7)).get("status").asString())
                .isEqualTo("NotSupported");
    }

    @Test
    void sendRawReturnsTheServersReplyAndRecordsNothingAsOwnCall() {
        violationsExpected = true;
        SimulatedChargePoint chargePoint = startOne(config());

        String heartbeat = chargePoint.sendRaw("[2,\"raw-1\",\"Heartbeat\",{}]").join();
        assertThat(heartbeat).startsWith("[3,\"raw-1\"").contains("currentTime");

        String invalid = chargePoint.sendRaw("[2,\"raw-2\",\"StatusNotification\",{\"connectorId\":1,\"status\":\"Sleeping\"}]").join();
        assertThat(invalid).startsWith("[4,\"raw-2\",\"FormationViolation\"");
        assertThat(server.violations()).hasSize(1);
        assertThat(chargePoint.stats().framesIgnored()).isZero();
        assertThat(chargePoint.lastFrameReceived()).contains(invalid);
    }

    @Test
    void recordsCallErrorsTheServerAnswers() {
        SimulatedChargePoint chargePoint = startOne(config());
        server.failWith("Heartbeat", "InternalError");

        trigger("Heartbeat", null);

        await().atMost(WAIT).until(() -> chargePoint.stats().callErrorsReceived() == 1);
        ReceivedCallError error = chargePoint.stats().recentCallErrors().getFirst();
        assertThat(error.action()).isEqualTo("Heartbeat");
        assertThat(error.errorCode()).isEqualTo("InternalError");
        assertThat(error.frame()).startsWith("[4,");
        assertThat(simulator.stats().callErrorsReceived()).isEqualTo(1);
    }

    private String trigger(String message, Integer connectorId) {
        var payload = FakeCentralSystem.payload().put("requestedMessage", message);
        if (connectorId != null) {
            payload.put("connectorId", connectorId);
        }
        return serverCall("TriggerMessage", payload).get("status").asString();
    }

    private String changeConfiguration(String key, String value) {
        return serverCall("ChangeConfiguration", FakeCentralSystem.payload().put("key", key).put("value", value))
                .get("status").asString();
    }
}
