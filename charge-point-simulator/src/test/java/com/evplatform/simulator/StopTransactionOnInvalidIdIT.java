package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.FakeCentralSystem.ReceivedCall;

import tools.jackson.databind.JsonNode;

/** The configuration key StopTransactionOnInvalidId, which load tests turn off to charge with unknown idTags. */
class StopTransactionOnInvalidIdIT extends SimulatorITSupport {

    @Test
    void whenFalseAnInvalidTransactionKeepsChargingAndSendingMeterValues() {
        server.idTagStatus("Invalid");
        SimulatedChargePoint chargePoint = startOne(config().autoChargeShare(1).stopTransactionOnInvalidId(false));

        JsonNode start = awaitCalls(CP, "StartTransaction", 1).getFirst().payload();
        assertThat(start.get("connectorId").asInt()).isEqualTo(1);
        assertThat(start.get("idTag").asString()).isEqualTo("SIMLOCAL");
        await().atMost(WAIT).until(() -> chargePoint.transactionId(1).isPresent());
        int transactionId = chargePoint.transactionId(1).getAsInt();

        List<ReceivedCall> meterValues = awaitCalls(CP, "MeterValues", 3);
        assertThat(meterValues).allSatisfy(call ->
                assertThat(call.payload().get("transactionId").asInt()).isEqualTo(transactionId));
        assertThat(sample(meterValues.getLast().payload(), "Energy.Active.Import.Register"))
                .isGreaterThan(start.get("meterStart").asLong());
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.CHARGING);
        assertThat(server.calls(CP, "StopTransaction")).isEmpty();
        assertThat(configurationValue("StopTransactionOnInvalidId").get("value").asString()).isEqualTo("false");
    }

    @Test
    void defaultIsTrueAndChangeConfigurationSwitchesIt() {
        server.idTagStatus("Invalid");
        SimulatedChargePoint chargePoint = startOne(config());
        JsonNode key = configurationValue("StopTransactionOnInvalidId");
        assertThat(key.get("value").asString()).isEqualTo("true");
        assertThat(key.get("readonly").asBoolean()).isFalse();
        assertThat(chargePoint.stopTransactionOnInvalidId()).isTrue();

        assertThat(changeConfiguration("StopTransactionOnInvalidId", "maybe")).isEqualTo("Rejected");
        assertThat(changeConfiguration("StopTransactionOnInvalidId", "false")).isEqualTo("Accepted");
        assertThat(chargePoint.stopTransactionOnInvalidId()).isFalse();
        chargePoint.startTransaction(1, "BAD-TAG-1");
        awaitCalls(CP, "MeterValues", 2);
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.CHARGING);

        assertThat(changeConfiguration("StopTransactionOnInvalidId", "true")).isEqualTo("Accepted");
        chargePoint.startTransaction(2, "BAD-TAG-2");

        JsonNode stop = awaitCalls(CP, "StopTransaction", 1).getFirst().payload();
        assertThat(stop.get("reason").asString()).isEqualTo("DeAuthorized");
        await().atMost(WAIT).until(() -> chargePoint.connectorStatus(2) == ConnectorStatus.AVAILABLE);
        assertThat(chargePoint.connectorStatus(1)).isEqualTo(ConnectorStatus.CHARGING);
        assertThat(chargePoint.hasTransaction(1)).isTrue();
    }

    private JsonNode configurationValue(String key) {
        JsonNode answer = serverCall("GetConfiguration", FakeCentralSystem.payload().set("key",
                FakeCentralSystem.JSON.createArrayNode().add(key)));
        assertThat(answer.get("configurationKey")).hasSize(1);
        return answer.get("configurationKey").get(0);
    }

    private String changeConfiguration(String key, String value) {
        return serverCall("ChangeConfiguration", FakeCentralSystem.payload().put("key", key).put("value", value))
                .get("status").asString();
    }
}
