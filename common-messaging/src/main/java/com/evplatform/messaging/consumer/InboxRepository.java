package com.evplatform.messaging.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records which messages a consumer has applied, in the same transaction as the effect.
 * The primary key makes a second effect impossible even when Redis forgot the message.
 */
public class InboxRepository {

    private final JdbcTemplate jdbc;

    public InboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return false when the consumer already applied this message. A concurrent insert of
     *         the same key waits for the other transaction and then counts as a duplicate.
     *         (IGNORE only turns the duplicate key into "0 rows": both values are fixed-size.)
     */
    public boolean record(String consumer, UUID messageId, Instant now) {
        return jdbc.update("INSERT IGNORE INTO messaging_inbox (consumer, message_id, processed_at) VALUES (?, ?, ?)",
                consumer, messageId.toString(), Timestamp.from(now)) == 1;
    }

    /** Which of these messages the consumer has applied already: one query for a whole batch. */
    public Set<UUID> recorded(String consumer, Collection<UUID> messageIds) {
        List<Object> args = new ArrayList<>(messageIds.size() + 1);
        args.add(consumer);
        messageIds.forEach(id -> args.add(id.toString()));
        return jdbc.queryForList("SELECT message_id FROM messaging_inbox WHERE consumer = ? AND message_id IN ("
                + placeholders(messageIds.size(), "?") + ")", String.class, args.toArray())
                .stream().map(UUID::fromString).collect(Collectors.toSet());
    }

    /**
     * Records a batch of messages in one statement. Deliberately without IGNORE: a message that
     * another transaction recorded meanwhile (a concurrent delivery of the same message) fails
     * the whole batch with a duplicate key, and the caller sorts it out one message at a time.
     */
    public void recordAll(String consumer, List<UUID> messageIds, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object> args = new ArrayList<>(messageIds.size() * 3);
        messageIds.forEach(id -> {
            args.add(consumer);
            args.add(id.toString());
            args.add(at);
        });
        jdbc.update("INSERT INTO messaging_inbox (consumer, message_id, processed_at) VALUES "
                + placeholders(messageIds.size(), "(?, ?, ?)"), args.toArray());
    }

    /**
     * Forgets up to {@code limit} messages applied before {@code before}, oldest first. A
     * duplicate of one of them that comes later is applied again: the retention must outlast
     * every way a message comes twice.
     */
    public int purgeProcessedBefore(Instant before, int limit) {
        return jdbc.update("DELETE FROM messaging_inbox WHERE processed_at < ? ORDER BY processed_at LIMIT ?",
                Timestamp.from(before), limit);
    }

    private static String placeholders(int count, String one) {
        return String.join(", ", Collections.nCopies(count, one));
    }
}
