package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.simulator.FakeCentralSystem.ReceivedCall;

class OfflineQueueIT extends SimulatorITSupport {

    @Test
    void transactionMessagesQueuedOfflineArriveInOrderAfterReconnect() {
        SimulatedChargePoint chargePoint = startOne(config());
        int onlineTransaction = remoteStart(chargePoint, 1, "TAG-ONLINE");
        awaitCalls(CP, "MeterValues", 1);

        chargePoint.disconnect();
        await().atMost(WAIT).until(() -> !server.isConnected(CP));
        assertThat(chargePoint.isConnected()).isFalse();
        await().atMost(WAIT).until(() -> chargePoint.stats().queuedCalls() >= 2);
        long registerAtOfflineStart = chargePoint.meterRegisterWh(2);
        chargePoint.startTransaction(2, "TAG-OFFLINE");
        assertThat(chargePoint.connectorStatus(2)).isEqualTo(ConnectorStatus.CHARGING);
        await().atMost(WAIT).until(() -> chargePoint.meterRegisterWh(2) > registerAtOfflineStart);
        chargePoint.unplug(1);
        chargePoint.unplug(2);
        int queued = chargePoint.stats().queuedCalls();
        assertThat(server.connectionCount(CP)).isEqualTo(1);

        chargePoint.reconnect();
        chargePoint.awaitBooted(WAIT);
        await().atMost(WAIT).until(() -> server.calls(CP, "StopTransaction").size() == 2);

        List<ReceivedCall> replayed = server.calls(CP).stream()
                .filter(call -> call.connection() == 2)
                .filter(call -> List.of("StartTransaction", "MeterValues", "StopTransaction").contains(call.action()))
                .toList();
        assertThat(replayed).hasSize(queued);
        assertThat(server.calls(CP).stream().filter(call -> call.connection() == 2).findFirst().orElseThrow().action())
                .isEqualTo("BootNotification");

        int onlineStop = indexOf(replayed, "StopTransaction", 1);
        int offlineStart = indexOf(replayed, "StartTransaction", 2);
        int offlineStop = indexOf(replayed, "StopTransaction", 2);
        assertThat(onlineStop).isLessThan(offlineStop);
        assertThat(offlineStart).isLessThan(offlineStop);
        assertThat(replayed.get(onlineStop).payload().get("transactionId").asInt()).isEqualTo(onlineTransaction);
        assertThat(replayed.get(onlineStop).payload().get("reason").asString()).isEqualTo("EVDisconnected");

        int offlineTransaction = replayed.get(offlineStop).payload().get("transactionId").asInt();
        assertThat(offlineTransaction).isNotEqualTo(onlineTransaction);
        assertThat(replayed.get(offlineStart).payload().get("idTag").asString()).isEqualTo("TAG-OFFLINE");

        List<ReceivedCall> onlineMeterValues = meterValuesOf(replayed, 1);
        List<ReceivedCall> offlineMeterValues = meterValuesOf(replayed, 2);
        assertThat(onlineMeterValues).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(call -> assertThat(replayed.indexOf(call)).isLessThan(onlineStop))
                .allSatisfy(call -> assertThat(call.payload().get("transactionId").asInt()).isEqualTo(onlineTransaction));
        assertThat(offlineMeterValues).hasSizeGreaterThanOrEqualTo(1)
                .allSatisfy(call -> assertThat(replayed.indexOf(call)).isBetween(offlineStart, offlineStop))
                .allSatisfy(call -> assertThat(call.payload().get("transactionId").asInt()).isEqualTo(offlineTransaction));
        assertThat(onlineMeterValues).extracting(call -> sample(call.payload(), "Energy.Active.Import.Register"))
                .isSorted();
        assertThat(onlineMeterValues).extracting(call -> call.payload().get("meterValue").get(0).get("timestamp").asString())
                .isSorted();
        assertThat(replayed.get(offlineStop).payload().get("meterStop").asLong())
                .isGreaterThanOrEqualTo(replayed.get(offlineStart).payload().get("meterStart").asLong());
        assertThat(chargePoint.stats().queuedCalls()).isZero();
    }

    @Test
    void reconnectsByItselfWhenTheServerDropsTheConnection() {
        SimulatedChargePoint chargePoint = startOne(config());

        server.dropConnection(CP);

        await().atMost(WAIT).until(() -> server.connectionCount(CP) == 2);
        chargePoint.awaitBooted(WAIT);
        awaitCalls(CP, "BootNotification", 2);
        assertThat(chargePoint.stats().reconnects()).isEqualTo(1);
        assertThat(chargePoint.stats().connects()).isEqualTo(2);
    }

    @Test
    void staysOfflineAfterDisconnectUntilToldToReconnect() {
        SimulatedChargePoint chargePoint = startOne(config());

        chargePoint.disconnect();
        chargePoint.plugIn(1);

        await().atMost(WAIT).until(() -> !server.isConnected(CP));
        assertThat(chargePoint.isBooted()).isFalse();
        assertThat(chargePoint.stats().queuedCalls()).isZero();

        chargePoint.reconnect();
        chargePoint.awaitBooted(WAIT);
        await().atMost(WAIT).until(() -> statuses(CP, 1).getLast().equals("Preparing"));
        assertThat(server.connectionCount(CP)).isEqualTo(2);
    }

    private static int indexOf(List<ReceivedCall> calls, String action, int connectorId) {
        for (int i = 0; i < calls.size(); i++) {
            ReceivedCall call = calls.get(i);
            if (call.action().equals(action) && connectorOf(calls, call) == connectorId) {
                return i;
            }
        }
        throw new AssertionError("no " + action + " for connector " + connectorId + " in " + calls);
    }

    /** StopTransaction has no connectorId: its transaction tells, via the StartTransaction or MeterValues. */
    private static int connectorOf(List<ReceivedCall> calls, ReceivedCall call) {
        if (call.payload().has("connectorId")) {
            return call.payload().get("connectorId").asInt();
        }
        return call.payload().get("idTag").asString().equals("TAG-ONLINE") ? 1 : 2;
    }

    private static List<ReceivedCall> meterValuesOf(List<ReceivedCall> calls, int connectorId) {
        return calls.stream()
                .filter(call -> call.action().equals("MeterValues"))
                .filter(call -> call.payload().get("connectorId").asInt() == connectorId)
                .toList();
    }
}
