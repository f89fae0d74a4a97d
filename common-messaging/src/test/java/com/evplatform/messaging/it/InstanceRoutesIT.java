package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.InstanceRoutes;
import com.evplatform.messaging.OutgoingMessage;

/**
 * Commands follow what an instance holds: routed to its own queue while it holds the key,
 * returned to the producer (its return handler runs once, no retry) while nobody does.
 */
class InstanceRoutesIT extends MessagingIntegrationTest {

    @Autowired
    InstanceRoutes routes;

    @Test
    void a_command_for_a_key_nobody_holds_is_returned_once_and_one_for_a_held_key_is_delivered() {
        String runId = MessagingTestApplication.newRunId();
        String key = "cp." + runId;

        Envelope early = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> "RETURNED".equals(status(early)));
        assertThat(effects.count("it.returned", runId)).isEqualTo(1);
        assertThat(attempts(early)).isZero();

        routes.bind("it.routed", key);
        Envelope held = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> effects.count("it.routed", runId) == 1);
        assertThat(status(held)).isEqualTo("SENT");

        routes.unbind("it.routed", key);
        Envelope late = publishOne(command(runId, key));
        await().atMost(PATIENCE).until(() -> "RETURNED".equals(status(late)));
        assertThat(effects.count("it.returned", runId)).isEqualTo(2);
        assertThat(effects.count("it.routed", runId)).isEqualTo(1);
    }

    private static OutgoingMessage command(String runId, String routingKey) {
        return OutgoingMessage.to(MessagingTestApplication.COMMANDS.name()).type(MessagingTestApplication.COMMAND)
                .aggregate(runId).routingKey(routingKey).payload(new TestEvent(runId, routingKey, null));
    }

    private String status(Envelope envelope) {
        return jdbc.queryForObject("SELECT status FROM messaging_outbox WHERE message_id = ?", String.class,
                envelope.messageId().toString());
    }

    private int attempts(Envelope envelope) {
        return jdbc.queryForObject("SELECT attempts FROM messaging_outbox WHERE message_id = ?", Integer.class,
                envelope.messageId().toString());
    }
}
