package com.evplatform.messaging.consumer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Dead letters kept in the service's database with the original body, headers and the
 * reason, where the admin API lists, replays and discards them.
 */
public class DeadLetterStore {

    public enum Status { DEAD, REPLAYED, DISCARDED }

    public record DeadLetter(long id, String queue, String messageId, String type, byte[] body, String headers,
            String reason, Status status, Instant deadLetteredAt) {
    }

    private static final String COLUMNS = "id, queue_name, message_id, message_type, body, headers, reason, status, "
            + "dead_lettered_at";
    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getBytes(5), rs.getString(6), rs.getString(7),
            Status.valueOf(rs.getString(8)), rs.getTimestamp(9).toInstant());

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent per (queue, message): a message dead-lettered again is DEAD again with the newest reason. */
    public void record(String queue, String messageId, String type, byte[] body, Map<String, Object> headers,
            String reason, Instant now) {
        Timestamp at = Timestamp.from(now);
        String why = truncate(reason);
        jdbc.update("INSERT INTO messaging_dead_letter (queue_name, message_id, message_type, body, headers, reason, "
                + "status, dead_lettered_at) VALUES (?, ?, ?, ?, ?, ?, 'DEAD', ?) ON DUPLICATE KEY UPDATE "
                + "status = 'DEAD', reason = ?, dead_lettered_at = ?, resolved_at = NULL", queue,
                MessageKeys.fit(messageId), type, body, String.valueOf(headers), why, at, why, at);
    }

    public List<DeadLetter> page(Status status, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messaging_dead_letter WHERE status = ? ORDER BY id "
                + "LIMIT ? OFFSET ?", ROW, status.name(), size, (long) page * size);
    }

    public long count(Status status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM messaging_dead_letter WHERE status = ?", Long.class,
                status.name());
    }

    public List<DeadLetter> lockDead(String messageId) {
        messageId = MessageKeys.fit(messageId);
        return jdbc.query("SELECT " + COLUMNS + " FROM messaging_dead_letter WHERE message_id = ? AND status = 'DEAD' "
                + "FOR UPDATE", ROW, messageId);
    }

    public void resolve(long id, Status status, Instant now) {
        jdbc.update("UPDATE messaging_dead_letter SET status = ?, resolved_at = ? WHERE id = ?", status.name(),
                Timestamp.from(now), id);
    }

    private static String truncate(String reason) {
        return reason.length() <= 2000 ? reason : reason.substring(0, 2000);
    }
}
