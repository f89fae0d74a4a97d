package com.evplatform.messaging.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** SQL of the outbox table; callers own the transactions. */
public class OutboxRepository {

    private static final String COLUMNS = "id, message_id, exchange_name, routing_key, message_type, body, status, "
            + "attempts, created_at, next_attempt_at, last_error, aggregate_id";
    private static final RowMapper<OutboxRow> ROW = (rs, i) -> new OutboxRow(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6), OutboxStatus.valueOf(rs.getString(7)),
            rs.getInt(8), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getString(11),
            rs.getString(12));

    private final JdbcTemplate jdbc;

    public OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of no aggregate: the relay does not order it after other rows. */
    public void insert(String messageId, String exchange, String routingKey, String type, byte[] body, Instant now) {
        insert(messageId, null, exchange, routingKey, type, body, now);
    }

    /** A row of {@code aggregateId}: the relay publishes it only after the aggregate's earlier rows. */
    public void insert(String messageId, String aggregateId, String exchange, String routingKey, String type,
            byte[] body, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("INSERT INTO messaging_outbox (message_id, aggregate_id, exchange_name, routing_key, message_type, "
                + "body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                messageId, aggregateId, exchange, routingKey, type, body, at, at);
    }

    /** Next version of an aggregate; the row lock serialises producers of the same aggregate. */
    public long nextAggregateVersion(String aggregateId) {
        jdbc.update("INSERT INTO messaging_aggregate_version (aggregate_id, version) VALUES (?, 1) "
                + "ON DUPLICATE KEY UPDATE version = version + 1", aggregateId);
        return jdbc.queryForObject("SELECT version FROM messaging_aggregate_version WHERE aggregate_id = ?",
                Long.class, aggregateId);
    }

    /** Locks due rows in creation order; rows another relay holds are skipped, not waited for. */
    public List<OutboxRow> lockDue(int limit, Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messaging_outbox FORCE INDEX (ix_outbox_status_id) "
                + "WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", ROW,
                Timestamp.from(now), limit);
    }

    /**
     * For each aggregate of {@code rows}, the lowest id of its PENDING rows before them that are
     * not among {@code rows}: rows waiting out a backoff, or locked by another relay (read
     * without locking, so those count). An aggregate's rows after that id must wait for it.
     */
    public Map<String, Long> firstPendingElsewhere(List<OutboxRow> rows) {
        List<String> aggregates = rows.stream().map(OutboxRow::aggregateId).filter(Objects::nonNull).distinct().toList();
        if (aggregates.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>(aggregates);
        rows.forEach(row -> args.add(row.id()));
        args.add(rows.stream().mapToLong(OutboxRow::id).max().orElseThrow());
        Map<String, Long> first = new HashMap<>();
        jdbc.query("SELECT aggregate_id, MIN(id) FROM messaging_outbox WHERE aggregate_id IN (" + placeholders(aggregates)
                + ") AND status = 'PENDING' AND id NOT IN (" + placeholders(rows) + ") AND id < ? GROUP BY aggregate_id",
                rs -> {
                    first.put(rs.getString(1), rs.getLong(2));
                }, args.toArray());
        return first;
    }

    private static String placeholders(Collection<?> values) {
        return String.join(",", Collections.nCopies(values.size(), "?"));
    }

    public void markSent(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        String placeholders = placeholders(ids);
        Object[] args = new Object[ids.size() + 1];
        args[0] = Timestamp.from(now);
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        jdbc.update("UPDATE messaging_outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id IN ("
                + placeholders + ")", args);
    }

    /** Locks one row if it is still PENDING. */
    public boolean lockPending(long id) {
        return !jdbc.queryForList("SELECT id FROM messaging_outbox WHERE id = ? AND status = 'PENDING' FOR UPDATE",
                Long.class, id).isEmpty();
    }

    public void markReturned(long id, Instant now, String reason) {
        jdbc.update("UPDATE messaging_outbox SET status = 'RETURNED', sent_at = ?, last_error = ? WHERE id = ?",
                Timestamp.from(now), truncate(reason), id);
    }

    public void markAttemptFailed(long id, int attempts, OutboxStatus status, Instant nextAttemptAt, String error) {
        // Only a row still waiting at the attempt count we read: another relay may have sent it meanwhile.
        jdbc.update("UPDATE messaging_outbox SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ? "
                + "WHERE id = ? AND status = 'PENDING' AND attempts = ?", attempts, status.name(),
                Timestamp.from(nextAttemptAt), truncate(error), id, attempts - 1);
    }

    /** Puts a FAILED row back in line with fresh attempts. */
    public boolean retry(long id, Instant now) {
        return jdbc.update("UPDATE messaging_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ? "
                + "WHERE id = ? AND status = 'FAILED'", Timestamp.from(now), id) == 1;
    }

    public List<OutboxRow> page(OutboxStatus status, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messaging_outbox WHERE status = ? ORDER BY id LIMIT ? OFFSET ?",
                ROW, status.name(), size, (long) page * size);
    }

    public long count(OutboxStatus status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM messaging_outbox WHERE status = ?", Long.class, status.name());
    }

    /** Pending count and creation time of the oldest pending row (null when none). */
    public Backlog backlog() {
        return jdbc.queryForObject("SELECT COUNT(*), MIN(created_at), "
                + "(SELECT COUNT(*) FROM messaging_outbox WHERE status = 'FAILED') "
                + "FROM messaging_outbox WHERE status = 'PENDING'",
                (rs, i) -> new Backlog(rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getLong(3)));
    }

    /** Deletes up to {@code limit} SENT or RETURNED rows sent before {@code before}, oldest first. */
    public int purgeSent(Instant before, int limit) {
        return jdbc.update("DELETE FROM messaging_outbox WHERE status IN ('SENT', 'RETURNED') AND sent_at < ? ORDER BY sent_at "
                + "LIMIT ?", Timestamp.from(before), limit);
    }

    /**
     * Deletes up to {@code limit} FAILED rows that failed before {@code before}, oldest first: a
     * FAILED row's next_attempt_at is when it gave up (and ix_outbox_due finds them).
     */
    public int purgeFailed(Instant before, int limit) {
        return jdbc.update("DELETE FROM messaging_outbox WHERE status = 'FAILED' AND next_attempt_at < ? "
                + "ORDER BY next_attempt_at LIMIT ?", Timestamp.from(before), limit);
    }

    public record Backlog(long pending, Instant oldestPendingCreatedAt, long failed) {
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
