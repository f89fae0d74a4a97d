package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.config.MessagingAutoConfiguration.ConfirmingPublisher;
import com.evplatform.messaging.config.MessagingProperties;
import com.evplatform.messaging.outbox.OutboxRelay;
import com.evplatform.messaging.outbox.OutboxRepository;

/**
 * The relay keeps each aggregate's messages in the order they were written: a row waiting out
 * a backoff is not overtaken by the later rows of its aggregate, and two relays sharing the
 * outbox never interleave one aggregate's rows.
 */
class RelayOrderIT extends MessagingIntegrationTest {

    private static final String PROBE = "it.order-probe";

    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxRepository repository;
    @Autowired
    ConfirmingPublisher publisher;
    @Autowired
    MessagingProperties properties;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    AmqpAdmin amqpAdmin;

    private String runId;
    private String queue;
    private SimpleMessageListenerContainer arrivals;
    /** Versions in the order they reached the queue, by aggregate. */
    private final Map<String, List<Long>> arrived = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeEach
    void listen() {
        runId = MessagingTestApplication.newRunId();
        queue = "it.relay-order." + runId;
        amqpAdmin.declareQueue(new Queue(queue, false, false, false));
        amqpAdmin.declareBinding(BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(MessagingTestApplication.EVENTS.name())).with("*." + PROBE));
        arrivals = new SimpleMessageListenerContainer(connectionFactory);
        arrivals.setQueueNames(queue);
        arrivals.setAcknowledgeMode(AcknowledgeMode.AUTO);
        arrivals.setMessageListener((MessageListener) message -> {
            Envelope envelope = codec.decode(message.getBody());
            arrived.computeIfAbsent(envelope.aggregateId(), key -> Collections.synchronizedList(new ArrayList<>()))
                    .add(envelope.aggregateVersion());
        });
        arrivals.start();
        relay.stop();
    }

    @AfterEach
    void stopListening() {
        if (!relay.isRunning()) {
            relay.start();
        }
        arrivals.stop();
        amqpAdmin.deleteQueue(queue);
    }

    @Test
    void a_row_waiting_out_a_backoff_holds_back_the_later_rows_of_its_aggregate_only() {
        List<Envelope> written = publish(4, 4, i -> event(PROBE, runId, i < 3 ? "held" : "free"));
        Envelope first = written.getFirst();
        // The first row's publish failed once: it waits an hour before its next attempt.
        jdbc.update("UPDATE messaging_outbox SET attempts = 1, next_attempt_at = ? WHERE message_id = ?",
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))), first.messageId().toString());

        drainDueRows();
        await().atMost(PATIENCE).until(() -> arrived.containsKey(runId + ":free"));
        assertThat(arrived).doesNotContainKey(first.aggregateId());
        assertThat(outboxRows("PENDING", written.subList(1, 3))).as("the later rows still wait").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT MAX(attempts) FROM messaging_outbox WHERE message_id IN (?, ?)",
                Integer.class, written.get(1).messageId().toString(), written.get(2).messageId().toString()))
                .as("waiting costs no attempt").isZero();

        jdbc.update("UPDATE messaging_outbox SET next_attempt_at = ? WHERE message_id = ?", Timestamp.from(Instant.now()),
                first.messageId().toString());
        drainDueRows();
        await().atMost(PATIENCE).until(() -> arrived.getOrDefault(first.aggregateId(), List.of()).size() == 3);
        assertThat(arrived.get(first.aggregateId())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void two_relays_never_interleave_the_rows_of_one_aggregate() {
        int aggregates = 40;
        int versions = 50;
        // Version by version across the aggregates, so every batch of either relay holds many of them.
        List<Envelope> written = publish(aggregates * versions, 100, i -> event(PROBE, runId, "a" + (i % aggregates)));

        var second = new OutboxRelay(repository, publisher.template(), messagingTransactions.template(),
                properties.relay(), metrics, Clock.systemUTC());
        second.start();
        relay.start();
        try {
            await().atMost(PATIENCE).until(() -> outboxRows("SENT", written) == written.size()
                    && arrived.values().stream().mapToInt(List::size).sum() == written.size());
        } finally {
            second.stop();
        }
        List<Long> inOrder = new ArrayList<>();
        for (long version = 1; version <= versions; version++) {
            inOrder.add(version);
        }
        assertThat(arrived).hasSize(aggregates)
                .allSatisfy((aggregate, seen) -> assertThat(seen).as(aggregate).isEqualTo(inOrder));
    }

    /** Relay passes until one finds nothing to publish (rows earlier tests left due go out too). */
    private void drainDueRows() {
        for (int pass = 0; pass < 100 && relay.relayOnce() > 0; pass++) {
            // next pass
        }
    }
}
