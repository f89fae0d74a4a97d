package com.evplatform.messaging.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

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
}
