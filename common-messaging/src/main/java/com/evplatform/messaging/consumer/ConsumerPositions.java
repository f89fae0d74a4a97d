package com.evplatform.messaging.consumer;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.messaging.VersionCheck;

/** Last aggregate version each ordered consumer applied; read and written in the handler's transaction. */
public class ConsumerPositions {

    private final JdbcTemplate jdbc;

    public ConsumerPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where {@code version} falls; locks the position row until the transaction ends. */
    public VersionCheck check(String consumer, String aggregateId, long version) {
        List<Long> last = jdbc.queryForList("SELECT last_version FROM messaging_consumer_position "
                + "WHERE consumer = ? AND aggregate_id = ? FOR UPDATE", Long.class, consumer, aggregateId);
        long applied = last.isEmpty() ? 0 : last.getFirst();
        if (version == applied + 1) {
            return VersionCheck.IN_ORDER;
        }
        return version <= applied ? VersionCheck.STALE : VersionCheck.GAP;
    }

    /** Moves the position forward (never back). */
    public void advance(String consumer, String aggregateId, long version) {
        // The value is bound twice rather than read with VALUES(), deprecated in MySQL 8.
        jdbc.update("INSERT INTO messaging_consumer_position (consumer, aggregate_id, last_version) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE last_version = GREATEST(last_version, ?)", consumer, aggregateId, version,
                version);
    }
}
