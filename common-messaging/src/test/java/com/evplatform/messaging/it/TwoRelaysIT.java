package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

/** Fault test 8: two relay instances share one outbox; every row goes out exactly once. */
class TwoRelaysIT extends MessagingIntegrationTest {

    private static final String PROBE = "it.relay-probe";

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

    @Test
    void two_relays_publish_every_row_once() {
        String runId = MessagingTestApplication.newRunId();
        String queue = "it.relay-count." + runId;
        amqpAdmin.declareQueue(new Queue(queue, false, false, false));
        amqpAdmin.declareBinding(BindingBuilder.bind(new Queue(queue))
                .to(new TopicExchange(MessagingTestApplication.EVENTS.name())).with("*." + PROBE));

        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        var counter = new SimpleMessageListenerContainer(connectionFactory);
        counter.setQueueNames(queue);
        counter.setAcknowledgeMode(AcknowledgeMode.AUTO);
        counter.setMessageListener((MessageListener) message -> deliveries
                .computeIfAbsent(message.getMessageProperties().getMessageId(), id -> new AtomicInteger())
                .incrementAndGet());
        counter.start();

        var second = new OutboxRelay(repository, publisher.template(), messagingTransactions.template(), properties.relay(), metrics,
                Clock.systemUTC());
        relay.stop();
        long firstBefore = relay.confirmedTotal();
        try {
            int total = 5_000;
            List<Envelope> published = publish(total, 500, i -> event(PROBE, runId, "r" + i));
            second.start();
            relay.start();

            // A channel the broker closes under a relay (a leftover row of an earlier test for an exchange
            // that test deleted) ends in an exception on one of Spring AMQP's own threads; the relay
            // recovers from it, and what counts here is the rows and deliveries.
            await().dontCatchUncaughtExceptions().atMost(PATIENCE).until(() -> deliveries.size() == total
                    && outboxRows("SENT", published) == total);
            await().dontCatchUncaughtExceptions().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);

            long twice = deliveries.values().stream().filter(count -> count.get() > 1).count();
            assertThat(deliveries).hasSize(total);
            assertThat(twice).as("published twice").isZero();
            // At least this run's rows (rows left due by earlier tests may be among them).
            assertThat(second.confirmedTotal() + relay.confirmedTotal() - firstBefore).isGreaterThanOrEqualTo(total);
            assertThat(second.confirmedTotal()).as("rows the second relay took").isPositive();
            assertThat(relay.confirmedTotal() - firstBefore).as("rows the first relay took").isPositive();
        } finally {
            second.stop();
            if (!relay.isRunning()) {
                relay.start();
            }
            counter.stop();
            amqpAdmin.deleteQueue(queue);
        }
    }
}
