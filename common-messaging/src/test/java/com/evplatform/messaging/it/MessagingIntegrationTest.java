package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.messaging.config.MessagingAutoConfiguration.MessagingTransactions;
import com.evplatform.messaging.it.MessagingTestApplication.EffectRecorder;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessagingMetrics;
import com.evplatform.testsupport.PlatformInfrastructure;

/** What the fault tests share: one context of the test service on the real infrastructure. */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PlatformInfrastructure(schema = "messaging_it", scratch = true)
abstract class MessagingIntegrationTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MessagingTransactions messagingTransactions;
    @Autowired
    EffectRecorder effects;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessagingMetrics metrics;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    TestBehaviour behaviour;

    /** Publishes {@code count} messages through the outbox, {@code perTransaction} per commit. */
    List<Envelope> publish(int count, int perTransaction, IntFunction<OutgoingMessage> message) {
        List<Envelope> published = new ArrayList<>(count);
        for (int start = 0; start < count; start += perTransaction) {
            int from = start;
            int to = Math.min(count, start + perTransaction);
            transactions.executeWithoutResult(status -> {
                for (int i = from; i < to; i++) {
                    published.add(outbox.publish(message.apply(i)));
                }
            });
        }
        return published;
    }

    Envelope publishOne(OutgoingMessage message) {
        return transactions.execute(status -> outbox.publish(message));
    }

    static OutgoingMessage event(String type, String runId, String key) {
        return OutgoingMessage.to(MessagingTestApplication.EVENTS.name()).type(type).aggregate(runId + ":" + key)
                .payload(new TestEvent(runId, key, null));
    }

    /** Sends an envelope straight to the broker, as a duplicate or redelivery would arrive. */
    void sendRaw(Envelope envelope, String routingKey) {
        var properties = new MessageProperties();
        properties.setMessageId(envelope.messageId().toString());
        properties.setType(envelope.type());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(MessagingTestApplication.EVENTS.name(), routingKey, new Message(codec.encode(envelope), properties));
    }

    String routingKeyOf(Envelope envelope) {
        return MessagingTestApplication.EVENTS.routingKey(envelope.type(), envelope.aggregateId());
    }

    long outboxRows(String status, List<Envelope> envelopes) {
        long count = 0;
        for (int from = 0; from < envelopes.size(); from += 1000) {
            List<Envelope> chunk = envelopes.subList(from, Math.min(envelopes.size(), from + 1000));
            String placeholders = String.join(",", chunk.stream().map(e -> "?").toList());
            Object[] args = new Object[chunk.size() + 1];
            args[0] = status;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 1] = chunk.get(i).messageId().toString();
            }
            count += jdbc.queryForObject("SELECT COUNT(*) FROM messaging_outbox WHERE status = ? AND message_id IN ("
                    + placeholders + ")", Long.class, args);
        }
        return count;
    }

    /**
     * After a fault mid-stream: every published event applied once by {@code consumer}, none lost
     * or applied twice, and every outbox row SENT, none FAILED. A row whose confirm was lost
     * with the connection is published again (the consumer drops the copy), so it ends SENT too.
     */
    void assertEveryEventAppliedOnceAndSent(String consumer, String runId, List<Envelope> published)
            throws InterruptedException {
        int total = published.size();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> effects.count(consumer, runId) >= total);
        // Let any late duplicate arrive before counting.
        Thread.sleep(Duration.ofSeconds(2));

        long effectRows = effects.count(consumer, runId);
        long distinct = effects.distinctMessages(consumer, runId);
        assertThat(distinct).as("lost").isEqualTo(total);
        assertThat(effectRows - distinct).as("applied twice").isZero();
        await().atMost(PATIENCE).until(() -> outboxRows("SENT", published) == total);
        assertThat(outboxRows("FAILED", published)).isZero();
    }

    static final Duration PATIENCE = Duration.ofSeconds(120);
}
