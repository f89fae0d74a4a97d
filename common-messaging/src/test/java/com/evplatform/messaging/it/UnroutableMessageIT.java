package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.messaging.config.MessagingProperties;

import tools.jackson.databind.JsonNode;

/** Fault test 2: a message no queue takes is never marked sent, fails visibly, and can be retried. */
class UnroutableMessageIT extends MessagingIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AmqpAdmin amqpAdmin;
    @Autowired
    MessagingProperties properties;

    @Test
    void an_unroutable_message_fails_after_its_attempts_and_goes_out_once_retried_with_a_binding() {
        String runId = MessagingTestApplication.newRunId();
        var admin = new AdminApi(port, "messaging-it");
        String queue = "it.unrouted.catcher." + runId;

        Envelope envelope = publishOne(OutgoingMessage.to(MessagingTestApplication.UNROUTED.name()).type("it.lost")
                .aggregate(runId).payload(new TestEvent(runId, "lost", null)));

        await().atMost(PATIENCE).until(() -> "FAILED".equals(status(envelope)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM messaging_outbox WHERE message_id = ?", Integer.class,
                envelope.messageId().toString())).isEqualTo(properties.relay().maxAttempts());
        JsonNode row = failedRow(admin, envelope);
        assertThat(row).isNotNull();
        assertThat(row.path("lastError").asString()).contains("returned unroutable");

        amqpAdmin.declareQueue(new Queue(queue, false, false, false));
        amqpAdmin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(new TopicExchange(
                MessagingTestApplication.UNROUTED.name())).with("#"));
        try {
            assertThat(admin.post("/outbox/" + row.path("id").asLong() + "/retry")).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "SENT".equals(status(envelope)));
            await().atMost(PATIENCE).until(() -> amqpAdmin.getQueueInfo(queue).getMessageCount() == 1);
            assertThat(failedRow(admin, envelope)).isNull();
            assertThat(admin.post("/outbox/" + row.path("id").asLong() + "/retry")).isEqualTo(404);
        } finally {
            amqpAdmin.deleteQueue(queue);
        }
    }

    private String status(Envelope envelope) {
        return jdbc.queryForObject("SELECT status FROM messaging_outbox WHERE message_id = ?", String.class,
                envelope.messageId().toString());
    }

    /** Pages through all FAILED rows: the schema keeps earlier runs' rows, oldest first. */
    private static JsonNode failedRow(AdminApi admin, Envelope envelope) {
        for (int page = 0; ; page++) {
            JsonNode items = admin.get("/outbox?status=FAILED&size=100&page=" + page).path("items");
            if (items.isEmpty()) {
                return null;
            }
            JsonNode found = StreamSupport.stream(items.spliterator(), false)
                    .filter(item -> envelope.messageId().toString().equals(item.path("messageId").asString()))
                    .findFirst().orElse(null);
            if (found != null) {
                return found;
            }
        }
    }
}
