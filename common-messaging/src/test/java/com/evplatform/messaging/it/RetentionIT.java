package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.retention.RetentionPurge;

/**
 * Retention (defaults: inbox 30 days, SENT outbox rows 1 day, FAILED ones 30 days): what is
 * older goes, in batches (100 rows in these tests), what is newer stays, and the inbox still
 * drops a duplicate of a message inside its window.
 */
class RetentionIT extends MessagingIntegrationTest {

    private static final String CONSUMER = "it.counting";

    @Autowired
    RetentionPurge purge;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void rows_past_their_retention_are_purged_in_batches_and_newer_ones_kept() {
        Instant now = Instant.now();
        List<UUID> oldInbox = inboxRows(250, now.minus(Duration.ofDays(31)));
        List<UUID> newInbox = inboxRows(3, now.minus(Duration.ofDays(29)));
        String sentLongAgo = outboxRow("SENT", now.minus(Duration.ofDays(2)));
        String returnedLongAgo = outboxRow("RETURNED", now.minus(Duration.ofDays(2)));
        String sentRecently = outboxRow("SENT", now.minus(Duration.ofHours(23)));
        String failedLongAgo = outboxRow("FAILED", now.minus(Duration.ofDays(31)));
        String failedRecently = outboxRow("FAILED", now.minus(Duration.ofDays(29)));
        String pendingLongAgo = outboxRow("PENDING", now.minus(Duration.ofDays(60)));
        try {
            RetentionPurge.Purged purged = purge.purgeOnce();

            assertThat(purged.inbox()).isGreaterThanOrEqualTo(250);
            assertThat(inboxCount(oldInbox)).isZero();
            assertThat(inboxCount(newInbox)).isEqualTo(3);
            assertThat(outboxStatus(sentLongAgo)).isNull();
            assertThat(outboxStatus(returnedLongAgo)).isNull();
            assertThat(outboxStatus(failedLongAgo)).isNull();
            assertThat(outboxStatus(sentRecently)).isEqualTo("SENT");
            assertThat(outboxStatus(failedRecently)).isEqualTo("FAILED");
            assertThat(outboxStatus(pendingLongAgo)).as("unpublished rows are never purged").isEqualTo("PENDING");
            assertThat(metrics.count("messaging.purged", "table", "inbox")).isGreaterThanOrEqualTo(250);
        } finally {
            jdbc.update("DELETE FROM messaging_outbox WHERE message_id IN (?, ?, ?)", sentRecently, failedRecently,
                    pendingLongAgo);
        }
    }

    @Test
    void a_duplicate_inside_the_inbox_window_is_dropped_after_a_purge_even_when_redis_forgot_it() {
        String runId = MessagingTestApplication.newRunId();
        double duplicatesBefore = metrics.count("messaging.duplicates", "consumer", CONSUMER);
        Envelope envelope = publishOne(event(MessagingTestApplication.COUNTED, runId, "kept"));
        await().atMost(PATIENCE).until(() -> effects.count(CONSUMER, runId) == 1);
        List<UUID> expired = inboxRows(120, Instant.now().minus(Duration.ofDays(31)));

        purge.purgeOnce();
        assertThat(inboxCount(expired)).isZero();
        assertThat(inboxCount(List.of(envelope.messageId()))).isEqualTo(1);

        // Only the inbox can tell now.
        redis.delete("msg:" + CONSUMER + ":" + envelope.messageId());
        sendRaw(envelope, routingKeyOf(envelope));

        await().atMost(PATIENCE).until(() ->
                metrics.count("messaging.duplicates", "consumer", CONSUMER) - duplicatesBefore >= 1);
        assertThat(effects.count(CONSUMER, runId)).isEqualTo(1);
    }

    /** Inbox rows of the counting consumer for messages nobody sends, processed at {@code at}. */
    private List<UUID> inboxRows(int count, Instant at) {
        List<UUID> ids = IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        List<Object[]> rows = new ArrayList<>(count);
        ids.forEach(id -> rows.add(new Object[] {CONSUMER, id.toString(), Timestamp.from(at)}));
        jdbc.batchUpdate("INSERT INTO messaging_inbox (consumer, message_id, processed_at) VALUES (?, ?, ?)", rows);
        return ids;
    }

    private long inboxCount(List<UUID> ids) {
        return ids.stream().mapToLong(id -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM messaging_inbox WHERE consumer = ? AND message_id = ?", Long.class, CONSUMER,
                id.toString())).sum();
    }

    /**
     * An outbox row that left the relay's hands at {@code at}: sent (or returned) then, or failed
     * then; a PENDING one was created then and is not due before tomorrow, so no relay takes it.
     */
    private String outboxRow(String status, Instant at) {
        String messageId = UUID.randomUUID().toString();
        boolean pending = "PENDING".equals(status);
        Instant nextAttempt = pending ? Instant.now().plus(Duration.ofDays(1)) : at;
        jdbc.update("INSERT INTO messaging_outbox (message_id, exchange_name, routing_key, message_type, body, status, "
                + "attempts, next_attempt_at, created_at, sent_at) VALUES (?, 'it.retention', 'none', 'it.retention', "
                + "'{}', ?, 0, ?, ?, ?)", messageId, status, Timestamp.from(nextAttempt),
                Timestamp.from(at.minus(Duration.ofMinutes(1))),
                status.equals("SENT") || status.equals("RETURNED") ? Timestamp.from(at) : null);
        return messageId;
    }

    private String outboxStatus(String messageId) {
        return jdbc.queryForList("SELECT status FROM messaging_outbox WHERE message_id = ?", String.class, messageId)
                .stream().findFirst().orElse(null);
    }
}
