package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.consumer.ConsumerContainers;
import com.evplatform.messaging.consumer.ConsumerPositions;
import com.evplatform.messaging.consumer.DeadLetterArchiver;
import com.evplatform.messaging.consumer.DeadLetterStore;
import com.evplatform.messaging.consumer.IdempotencyGuard;
import com.evplatform.messaging.consumer.InboxRepository;
import com.evplatform.messaging.consumer.ReliableListener;
import com.evplatform.messaging.consumer.RetryPublisher;
import com.evplatform.messaging.config.MessagingProperties;
import com.evplatform.messaging.support.MessageIds;

/**
 * Fault test 7: per-key order through 4 partitions with two competing consumer containers
 * (as two instances of a service would run), and a gap in versions detected and counted.
 */
class OrderingIT extends MessagingIntegrationTest {

    private static final int KEYS = 1_000;
    private static final int VERSIONS = 50;

    @Autowired
    @Qualifier("orderedConsumer")
    ConsumerDefinition ordered;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    IdempotencyGuard guard;
    @Autowired
    InboxRepository inbox;
    @Autowired
    ConsumerPositions positions;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    RetryPublisher retries;
    @Autowired
    MessagingProperties properties;

    @Test
    void per_key_order_holds_across_partitions_and_competing_containers() {
        String runId = MessagingTestApplication.newRunId();
        var secondInstance = new ConsumerContainers(connectionFactory, List.of(ordered),
                definition -> new ReliableListener(definition, codec, guard, inbox, positions, deadLetters, retries,
                        messagingTransactions.template(), metrics, properties.consumer().retryDelays(), java.time.Clock.systemUTC()),
                new DeadLetterArchiver(deadLetters, metrics, java.time.Clock.systemUTC()), true);
        secondInstance.start();
        double staleBefore = metrics.count("messaging.out-of-order", "consumer", "it.ordering");
        double gapsBefore = metrics.count("messaging.gaps", "consumer", "it.ordering");
        try {
            // Version by version across all keys, so each partition interleaves many keys.
            publish(KEYS * VERSIONS, 500, i -> event(MessagingTestApplication.ORDERED, runId, "key" + (i % KEYS)));

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> effects.count("it.ordering", runId) >= (long) KEYS * VERSIONS);

            Map<String, Long> lastVersion = new HashMap<>();
            int[] violations = {0};
            jdbc.query("SELECT aggregate_id, version FROM test_effect WHERE consumer = 'it.ordering' AND run_id = ? "
                    + "ORDER BY id", rs -> {
                        String key = rs.getString(1);
                        long version = rs.getLong(2);
                        if (version != lastVersion.getOrDefault(key, 0L) + 1) {
                            violations[0]++;
                        }
                        lastVersion.put(key, version);
                    }, runId);
            assertThat(violations[0]).as("order violations").isZero();
            assertThat(lastVersion).hasSize(KEYS).allSatisfy((key, version) -> assertThat(version).isEqualTo(VERSIONS));
            assertThat(effects.distinctMessages("it.ordering", runId)).isEqualTo((long) KEYS * VERSIONS);
            assertThat(metrics.count("messaging.out-of-order", "consumer", "it.ordering")).isEqualTo(staleBefore);
            assertThat(metrics.count("messaging.gaps", "consumer", "it.ordering")).isEqualTo(gapsBefore);
        } finally {
            secondInstance.stop();
        }
    }

    @Test
    void a_missing_version_is_detected_and_counted_as_a_gap() {
        String runId = MessagingTestApplication.newRunId();
        String aggregate = runId + ":gap";
        double gapsBefore = metrics.count("messaging.gaps", "consumer", "it.ordering");

        sendRaw(envelope(aggregate, 1, runId), MessagingTestApplication.EVENTS.routingKey(
                MessagingTestApplication.ORDERED, aggregate));
        await().atMost(PATIENCE).until(() -> effects.count("it.ordering", runId) == 1);
        // Version 2 never comes: 3 follows 1.
        sendRaw(envelope(aggregate, 3, runId), MessagingTestApplication.EVENTS.routingKey(
                MessagingTestApplication.ORDERED, aggregate));
        await().atMost(PATIENCE).until(() -> effects.count("it.ordering", runId) == 2);

        assertThat(metrics.count("messaging.gaps", "consumer", "it.ordering") - gapsBefore).isEqualTo(1);
    }

    private Envelope envelope(String aggregate, long version, String runId) {
        return new Envelope(MessageIds.next(), MessagingTestApplication.ORDERED, 1, Instant.now(), "it", aggregate,
                version, null, codec.toTree(new TestEvent(runId, "gap", null)));
    }
}
