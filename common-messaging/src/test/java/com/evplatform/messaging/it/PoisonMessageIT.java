package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.OutgoingMessage;

import tools.jackson.databind.JsonNode;

/** Fault test 5: poison messages go to the dead letters with their reason; the rest keeps flowing. */
class PoisonMessageIT extends MessagingIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void a_message_that_keeps_failing_is_dead_lettered_after_the_retries_and_replayed_once_fixed() {
        String runId = MessagingTestApplication.newRunId();
        var admin = new AdminApi(port, "messaging-it");
        behaviour.brokenKeys.add(runId + "-broken");

        Envelope poison = publishOne(fragile(runId, runId + "-broken", null));
        publish(20, 20, i -> fragile(runId, "fine-" + i, null));

        // The others are applied while the poison one waits in its retry tiers.
        await().atMost(PATIENCE).until(() -> effects.count("it.fragile", runId) == 20);
        await().atMost(PATIENCE).until(() -> deadLetter(admin, poison.messageId().toString()) != null);
        JsonNode letter = deadLetter(admin, poison.messageId().toString());
        assertThat(letter.path("reason").asString()).contains("gave up after 4 attempts")
                .contains("handler bug for key");
        assertThat(letter.path("queue").asString()).startsWith("it.fragile");
        assertThat(effects.count("it.fragile", runId)).isEqualTo(20);

        // The bug is fixed; the operator replays the message: it is applied once.
        behaviour.brokenKeys.remove(runId + "-broken");
        assertThat(admin.post("/dead-letters/" + poison.messageId() + "/replay")).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> effects.count("it.fragile", runId) == 21);
        assertThat(deadLetter(admin, poison.messageId().toString())).isNull();
        assertThat(admin.post("/dead-letters/" + poison.messageId() + "/replay")).isEqualTo(404);
    }

    @Test
    void a_permanent_failure_and_an_undecodable_message_are_dead_lettered_at_once() {
        String runId = MessagingTestApplication.newRunId();
        var admin = new AdminApi(port, "messaging-it");
        double retriedBefore = metrics.count("messaging.retried", "consumer", "it.fragile");

        Envelope permanent = publishOne(fragile(runId, "never", "permanent"));
        var properties = new MessageProperties();
        properties.setMessageId("garbage-" + runId);
        rabbit.send(MessagingTestApplication.EVENTS.name(), "0." + MessagingTestApplication.FRAGILE,
                new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));

        await().atMost(PATIENCE).until(() -> deadLetter(admin, permanent.messageId().toString()) != null
                && deadLetter(admin, "garbage-" + runId) != null);
        assertThat(deadLetter(admin, permanent.messageId().toString()).path("reason").asString())
                .contains("PermanentMessageException");
        assertThat(deadLetter(admin, "garbage-" + runId).path("reason").asString()).contains("not a JSON envelope");
        assertThat(metrics.count("messaging.retried", "consumer", "it.fragile")).isEqualTo(retriedBefore);
        assertThat(effects.count("it.fragile", runId)).isZero();

        assertThat(admin.post("/dead-letters/garbage-" + runId + "/discard")).isEqualTo(204);
        assertThat(deadLetter(admin, "garbage-" + runId)).isNull();
    }

    private static OutgoingMessage fragile(String runId, String key, String note) {
        return OutgoingMessage.to(MessagingTestApplication.EVENTS.name()).type(MessagingTestApplication.FRAGILE)
                .aggregate(runId + ":" + key).payload(new TestEvent(runId, key, note));
    }

    private static JsonNode deadLetter(AdminApi admin, String messageId) {
        JsonNode page = admin.get("/dead-letters?size=100&page=0");
        long total = page.path("total").asLong();
        for (int p = 0; p * 100L < total; p++) {
            JsonNode items = p == 0 ? page.path("items") : admin.get("/dead-letters?size=100&page=" + p).path("items");
            var found = StreamSupport.stream(items.spliterator(), false)
                    .filter(item -> messageId.equals(item.path("messageId").asString())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }
}
