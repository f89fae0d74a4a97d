package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.FakeCentralSystem.ReceivedCall;

import tools.jackson.databind.JsonNode;

class TransactionIT extends SimulatorITSupport {

    @Test
    void remoteStartChargesWithRisingMeterUntilRemoteStop() {
        SimulatedChargePoint chargePoint = startOne(config());

        int transactionId = remoteStart(chargePoint, 1, "TAG-1");

        JsonNode start = awaitCalls(CP, "StartTransaction", 1).getFirst().payload();
        assertThat(start.get("connectorId").asInt()).isEqualTo(1);
        assertThat(start.get("idTag").asString()).isEqualTo("TAG-1");
        long meterStart = start.get("meterStart").asLong();
        await().atMost(WAIT).until(() -> statuses(CP, 1).contains("Charging"));
        assertThat(statuses(CP, 1)).containsSubsequence("Preparing", "Charging");

        List<ReceivedCall> meterValues = awaitCalls(CP, "MeterValues", 3);
        long previousEnergy = meterStart;
        for (ReceivedCall call : meterValues) {
            JsonNode payload = call.payload();
            assertThat(payload.get("connectorId").asInt()).isEqualTo(1);
            assertThat(payload.get("transactionId").asInt()).isEqualTo(transactionId);
            JsonNode samples = payload.get("meterValue").get(0).get("sampledValue");
            assertThat(samples).extracting(sample -> sample.get("measurand").asString() + "/" + sample.get("unit").asString())
                    .containsExactly("Energy.Active.Import.Register/Wh", "Power.Active.Import/W", "SoC/Percent");
            assertThat(samples).allSatisfy(sample -> {
                assertThat(sample.get("value").isString()).isTrue();
                assertThat(sample.get("context").asString()).isEqualTo("Sample.Periodic");
            });
            long energy = sample(payload, "Energy.Active.Import.Register");
            assertThat(energy).isGreaterThanOrEqualTo(previousEnergy);
            assertThat(sample(payload, "Power.Active.Import")).isPositive();
            assertThat(sample(payload, "SoC")).isBetween(10L, 100L);
            previousEnergy = energy;
        }
        assertThat(previousEnergy).isGreaterThan(meterStart);

        JsonNode stopAnswer = serverCall("RemoteStopTransaction", FakeCentralSystem.payload().put("transactionId", transactionId));
        assertThat(stopAnswer.get("status").asString()).isEqualTo("Accepted");

        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("transactionId").asInt()).isEqualTo(transactionId);
        assertThat(stop.get("reason").asString()).isEqualTo("Remote");
        assertThat(stop.get("idTag").asString()).isEqualTo("TAG-1");
        assertThat(stop.get("meterStop").asLong()).isGreaterThanOrEqualTo(meterStart).isGreaterThanOrEqualTo(previousEnergy);
        await().atMost(WAIT).until(() -> statuses(CP, 1).getLast().equals("Available"));
        assertThat(statuses(CP, 1)).containsSubsequence("Charging", "Finishing", "Available");
        assertThat(chargePoint.transactionId(1)).isEmpty();
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.AVAILABLE);
        assertThat(chargePoint.meterRegisterWh(1)).isEqualTo(stop.get("meterStop").asLong());
    }

    @Test
    void remoteStartWithoutConnectorTakesTheFirstAvailableAndRejectsWhenAllAreBusy() {
        SimulatedChargePoint chargePoint = startOne(config());
        remoteStart(chargePoint, 1, "TAG-1");

        JsonNode second = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("idTag", "TAG-2"));
        assertThat(second.get("status").asString()).isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> chargePoint.transactionId(2).isPresent());
        assertThat(awaitCalls(CP, "StartTransaction", 2).get(1).payload().get("connectorId").asInt()).isEqualTo(2);

        JsonNode third = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("idTag", "TAG-3"));
        assertThat(third.get("status").asString()).isEqualTo("Rejected");
        JsonNode busy = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 1).put("idTag", "TAG-3"));
        assertThat(busy.get("status").asString()).isEqualTo("Rejected");
    }

    @Test
    void rejectBehaviourRefusesRemoteStart() {
        SimulatedChargePoint chargePoint = startOne(config().remoteStart(RemoteStartBehaviour.REJECT));

        JsonNode answer = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 1).put("idTag", "TAG-1"));

        assertThat(answer.get("status").asString()).isEqualTo("Rejected");
        awaitQueueFlushed(chargePoint);
        assertThat(server.calls(CP, "StartTransaction")).isEmpty();
        assertThat(chargePoint.hasTransaction(1)).isFalse();
    }

    @Test
    void neverStartBehaviourAcceptsButSendsNoStartTransaction() {
        SimulatedChargePoint chargePoint = startOne(config());
        chargePoint.remoteStartBehaviour(RemoteStartBehaviour.ACCEPT_NEVER_START);

        JsonNode answer = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 1).put("idTag", "TAG-1"));

        assertThat(answer.get("status").asString()).isEqualTo("Accepted");
        awaitQueueFlushed(chargePoint);
        assertThat(server.calls(CP, "StartTransaction")).isEmpty();
        assertThat(chargePoint.hasTransaction(1)).isFalse();
    }

    @Test
    void lateStartBehaviourStartsAfterTheDelay() {
        SimulatedChargePoint chargePoint = startOne(config()
                .remoteStart(RemoteStartBehaviour.ACCEPT_START_LATE)
                .remoteStartDelay(Duration.ofMillis(500)));

        JsonNode answer = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 1).put("idTag", "TAG-1"));

        assertThat(answer.get("status").asString()).isEqualTo("Accepted");
        JsonNode start = awaitCalls(CP, "StartTransaction", 1).getFirst().payload();
        assertThat(start.get("idTag").asString()).isEqualTo("TAG-1");
        assertThat(statuses(CP, 1)).startsWith("Available", "Preparing");
        await().atMost(WAIT).until(() -> chargePoint.connectorStatus(1) == ConnectorStatus.CHARGING);
    }

    @Test
    void stopsAtOnceWhenTheServerDoesNotAuthorizeTheIdTag() {
        server.idTagStatus("Invalid");
        SimulatedChargePoint chargePoint = startOne(config());

        chargePoint.startTransaction(1, "BAD-TAG");

        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("reason").asString()).isEqualTo("DeAuthorized");
        assertThat(stop.get("meterStop").asLong())
                .isGreaterThanOrEqualTo(server.calls(CP, "StartTransaction").getFirst().payload().get("meterStart").asLong());
        await().atMost(WAIT).until(() -> chargePoint.connectorStatus(1) == ConnectorStatus.AVAILABLE);
        assertThat(server.calls(CP, "MeterValues")).isEmpty();
    }

    @Test
    void unplugStopsTheTransactionWithEvDisconnected() {
        SimulatedChargePoint chargePoint = startOne(config());
        chargePoint.plugIn(1);
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.PREPARING);
        int transactionId = remoteStart(chargePoint, 1, "TAG-1");

        chargePoint.unplug(1);

        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("transactionId").asInt()).isEqualTo(transactionId);
        assertThat(stop.get("reason").asString()).isEqualTo("EVDisconnected");
        await().atMost(WAIT).until(() -> statuses(CP, 1).getLast().equals("Available"));
        assertThat(statuses(CP, 1)).containsExactly("Available", "Preparing", "Charging", "Finishing", "Available");
    }

    @Test
    void faultStopsTheTransactionAndClearingItMakesTheConnectorAvailable() {
        SimulatedChargePoint chargePoint = startOne(config());
        remoteStart(chargePoint, 2, "TAG-1");

        chargePoint.fault(2, ConnectorErrorCode.GROUND_FAILURE);

        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("reason").asString()).isEqualTo("Other");
        await().atMost(WAIT).until(() -> statuses(CP, 2).getLast().equals("Faulted"));
        JsonNode faulted = server.calls(CP, "StatusNotification").getLast().payload();
        assertThat(faulted.get("errorCode").asString()).isEqualTo("GroundFailure");
        JsonNode refused = serverCall("RemoteStartTransaction", FakeCentralSystem.payload().put("connectorId", 2).put("idTag", "TAG-2"));
        assertThat(refused.get("status").asString()).isEqualTo("Rejected");

        chargePoint.unplug(2);
        chargePoint.clearFault(2);

        await().atMost(WAIT).until(() -> statuses(CP, 2).getLast().equals("Available"));
        assertThat(server.calls(CP, "StatusNotification").getLast().payload().get("errorCode").asString()).isEqualTo("NoError");
    }

    @Test
    void remoteStopOfAnUnknownTransactionIsRejected() {
        startOne(config());

        JsonNode answer = serverCall("RemoteStopTransaction", FakeCentralSystem.payload().put("transactionId", 4711));

        assertThat(answer.get("status").asString()).isEqualTo("Rejected");
    }
}
