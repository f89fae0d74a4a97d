package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class CallQueueIT extends SimulatorITSupport {

    @Test
    void keepsOneCallInFlightAtATime() {
        server.responseDelay(Duration.ofMillis(50));
        SimulatedChargePoint chargePoint = startOne(config().connectorsPerCharger(4));

        for (int connector = 1; connector <= 4; connector++) {
            chargePoint.plugIn(connector);
        }
        chargePoint.startTransaction(1, "TAG-1");
        chargePoint.startTransaction(2, "TAG-2");

        awaitCalls(CP, "MeterValues", 4);
        awaitCalls(CP, "StatusNotification", 5 + 4 + 2);
        assertThat(server.maxOutstandingCalls(CP)).isEqualTo(1);
    }

    @Test
    void movesOnToTheNextCallAfterTheCallTimeout() {
        server.ignore("Heartbeat");
        SimulatedChargePoint chargePoint = startOne(config().callTimeout(Duration.ofMillis(500)));

        server.callAndWait(CP, "TriggerMessage", FakeCentralSystem.payload().put("requestedMessage", "Heartbeat"));
        chargePoint.plugIn(1);

        await().atMost(WAIT).until(() -> statuses(CP, 1).contains("Preparing"));
        List<String> actions = server.actions(CP);
        assertThat(actions.indexOf("Heartbeat")).isLessThan(actions.lastIndexOf("StatusNotification"));
        assertThat(chargePoint.stats().callTimeouts()).isPositive();
    }
}
