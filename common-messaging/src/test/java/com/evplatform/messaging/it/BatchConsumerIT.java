package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.messaging.consumer.ConsumerContainers;
import com.evplatform.testsupport.Infrastructure;

/**
 * Fault tests of a batched consumer: many messages, duplicate deliveries, a poison message in a
 * batch, a batch committed but never acked, and a database that keeps dropping its connections.
 * Each ends with every message applied exactly once.
 */
class BatchConsumerIT extends MessagingIntegrationTest {

    private static final String CONSUMER = "it.batching";
    private static final Duration STEADY = Duration.ofSeconds(2);

    @Autowired
    ConsumerContainers containers;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void two_thousand_messages_are_applied_once_each_and_in_batches() {
        String runId = MessagingTestApplication.newRunId();
        double consumedBefore = metrics.count("messaging.consumed", "consumer", CONSUMER);

        publish(2_000, 500, i -> batched(runId, i, null));

        assertAppliedOnce(runId, 2_000);
        assertThat(metrics.count("messaging.consumed", "consumer", CONSUMER) - consumedBefore).isEqualTo(2_000);
        List<Integer> sizes = batchSizes(runId);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).as("messages given to the handler")
                .isEqualTo(2_000);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 200));
        assertThat(sizes).as("batch sizes").anySatisfy(size -> assertThat(size).isGreaterThan(1));
    }

    @Test
    void messages_delivered_three_times_each_are_applied_once() {
        String runId = MessagingTestApplication.newRunId();
        double duplicatesBefore = metrics.count("messaging.duplicates", "consumer", CONSUMER);

        // The copies queue up right behind their originals: some share a batch with them, some
        // come in a later batch and meet the inbox.
        List<Envelope> published = whileStopped(() -> {
            List<Envelope> originals = publish(300, 300, i -> batched(runId, i, null));
            for (Envelope envelope : originals) {
                sendRaw(envelope, routingKeyOf(envelope));
                sendRaw(envelope, routingKeyOf(envelope));
            }
            return originals;
        });

        await().atMost(PATIENCE).until(() ->
                metrics.count("messaging.duplicates", "consumer", CONSUMER) - duplicatesBefore >= 600);
        assertAppliedOnce(runId, 300);
        assertThat(metrics.count("messaging.duplicates", "consumer", CONSUMER) - duplicatesBefore).isEqualTo(600);
        List<Integer> sizes = batchSizes(runId);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).as("messages given to the handler")
                .isEqualTo(300);
        assertThat(sizes).as("batch sizes").anySatisfy(size -> assertThat(size).isGreaterThan(1));
        assertThat(claims(published)).as("messages that went one at a time").isZero();
    }

    @Test
    void a_poison_message_is_dead_lettered_alone_and_the_rest_of_its_batch_is_applied() {
        String runId = MessagingTestApplication.newRunId();
        String poisonKey = key(runId, 50);

        List<Envelope> published = whileStopped(() -> publish(100, 100, i -> batched(runId, i, i == 50 ? "poison"
                : null)));
        String poisonId = published.get(50).messageId().toString();

        await().atMost(PATIENCE).until(() -> deadLetterReason(poisonId) != null);
        assertAppliedOnce(runId, 99);
        assertThat(deadLetterReason(poisonId)).contains("PermanentMessageException");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM test_effect WHERE message_id = ?", Long.class, poisonId))
                .isZero();
        assertThat(behaviour.batches).as("the poison message came in a batch with others")
                .anySatisfy(batch -> assertThat(batch).contains(poisonKey).hasSizeGreaterThan(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messaging_dead_letter WHERE message_id IN ("
                + String.join(",", published.stream().map(e -> "'" + e.messageId() + "'").toList()) + ")",
                Long.class)).as("dead letters of this run").isEqualTo(1);
    }

    @Test
    void a_batch_committed_but_not_acked_comes_back_and_is_applied_no_second_time() {
        String runId = MessagingTestApplication.newRunId();
        String victim = key(runId, 10);
        double duplicatesBefore = metrics.count("messaging.duplicates", "consumer", CONSUMER);
        behaviour.connectionLostAfterCommitKeys.add(victim);

        List<Envelope> published = whileStopped(() -> publish(100, 100, i -> batched(runId, i, null)));

        await().atMost(PATIENCE).until(() -> !behaviour.connectionLostAfterCommitKeys.contains(victim));
        int committed = behaviour.batches.stream().filter(batch -> batch.contains(victim)).findFirst()
                .orElseThrow().size();
        await().atMost(PATIENCE).until(() ->
                metrics.count("messaging.duplicates", "consumer", CONSUMER) - duplicatesBefore >= committed);
        assertAppliedOnce(runId, 100);
        assertThat(batchSizes(runId).stream().mapToInt(Integer::intValue).sum())
                .as("the redelivered batch never reached the handler").isEqualTo(100);
        assertThat(claims(published)).as("messages that went one at a time").isZero();
    }

    @Test
    void a_database_that_keeps_dropping_its_connections_loses_no_message_and_applies_none_twice() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        double requeuedBefore = metrics.count("messaging.requeued", "consumer", CONSUMER);

        List<SimpleMessageListenerContainer> batching = batchingContainers();
        batching.forEach(SimpleMessageListenerContainer::stop);
        try {
            List<Envelope> published = publish(2_000, 500, i -> batched(runId, i, null));
            await().atMost(PATIENCE).until(() -> outboxRows("SENT", published) == published.size());
            batching.forEach(SimpleMessageListenerContainer::start);
            dropDatabaseConnections(Duration.ofSeconds(2));
        } finally {
            batching.forEach(SimpleMessageListenerContainer::start);
        }

        // The test's own pooled connections were dropped too: wait through their errors once.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> effects.count(CONSUMER, runId) >= 2_000);
        assertAppliedOnce(runId, 2_000);
        assertThat(metrics.count("messaging.requeued", "consumer", CONSUMER)).as("batches handed back")
                .isGreaterThan(requeuedBefore);
    }

    /** Publishes while this consumer is stopped and waits until all of it is in its queues, so batches fill up. */
    private List<Envelope> whileStopped(java.util.function.Supplier<List<Envelope>> publishing) {
        List<SimpleMessageListenerContainer> batching = batchingContainers();
        batching.forEach(SimpleMessageListenerContainer::stop);
        try {
            List<Envelope> published = publishing.get();
            await().atMost(PATIENCE).until(() -> outboxRows("SENT", published) == published.size());
            return published;
        } finally {
            batching.forEach(SimpleMessageListenerContainer::start);
        }
    }

    private List<SimpleMessageListenerContainer> batchingContainers() {
        return containers.containers().stream().filter(c -> c.getQueueNames()[0].startsWith(CONSUMER + ".p"))
                .toList();
    }

    /** All applied, none twice, and it stays so for a while: no late second effect. */
    private void assertAppliedOnce(String runId, long count) {
        await().atMost(PATIENCE).until(() -> effects.count(CONSUMER, runId) >= count);
        await().during(STEADY).atMost(STEADY.multipliedBy(3)).until(() -> effects.count(CONSUMER, runId) == count);
        assertThat(effects.distinctMessages(CONSUMER, runId)).isEqualTo(count);
    }

    /** How many of this run's messages each call of the batch handler was given. */
    private List<Integer> batchSizes(String runId) {
        List<Integer> sizes = new ArrayList<>();
        for (List<String> batch : behaviour.batches) {
            int ofRun = (int) batch.stream().filter(key -> key.startsWith(runId + "-")).count();
            if (ofRun > 0) {
                sizes.add(ofRun);
            }
        }
        return sizes;
    }

    /**
     * Redis keys of these messages. Only the per-message path claims a message in Redis: none
     * means the batch path alone dealt with them, duplicates included.
     */
    private long claims(List<Envelope> envelopes) {
        return redis.countExistingKeys(envelopes.stream().map(e -> "msg:" + CONSUMER + ":" + e.messageId()).toList());
    }

    private String deadLetterReason(String messageId) {
        return jdbc.query("SELECT reason FROM messaging_dead_letter WHERE message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, messageId);
    }

    /** Kills every connection to the test schema, again and again: transactions fail mid-way or cannot begin. */
    private static void dropDatabaseConnections(Duration period) throws SQLException, InterruptedException {
        Instant end = Instant.now().plus(period);
        try (Connection root = Infrastructure.get().rootConnection(); Statement statement = root.createStatement()) {
            while (Instant.now().isBefore(end)) {
                List<Long> ids = new ArrayList<>();
                try (var rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST "
                        + "WHERE DB = 'messaging_it' AND ID <> CONNECTION_ID()")) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                for (long id : ids) {
                    try {
                        statement.execute("KILL CONNECTION " + id);
                    } catch (SQLException gone) {
                        // It closed by itself meanwhile.
                    }
                }
                Thread.sleep(25);
            }
        }
    }

    private static OutgoingMessage batched(String runId, int i, String note) {
        return OutgoingMessage.to(MessagingTestApplication.EVENTS).aggregate(runId + ":" + i)
                .message(MessagingTestApplication.BATCHED, new TestEvent(runId, key(runId, i), note));
    }

    private static String key(String runId, int i) {
        return runId + "-" + i;
    }
}
