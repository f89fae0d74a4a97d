package com.evplatform.device.ocpp.command;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Commands operators sent, and the first answer each got (a late answer never overwrites it). */
@Repository
public class CommandStore {

    public record StoredCommand(String commandId, String chargePointId, String type, String status,
            JsonNode result) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    CommandStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String commandId, String chargePointId, String type, Object request, String requestedBy,
            Instant now) {
        jdbc.update("INSERT INTO charger_commands (id, charge_point_id, type, request, status, requested_by, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, 'SENT', ?, ?, ?)", commandId, chargePointId, type,
                JSON.writeValueAsString(request), requestedBy, Timestamp.from(now), Timestamp.from(now));
    }

    /** Records the outcome if none was recorded yet; false for unknown commands (sent by another service). */
    public boolean finish(String commandId, String status, Map<String, Object> result, Instant now) {
        return jdbc.update("UPDATE charger_commands SET status = ?, result = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'SENT'", status, JSON.writeValueAsString(result), Timestamp.from(now),
                commandId) == 1;
    }

    /**
     * Commands still waiting for an answer since before {@code sentBefore} get TIMED_OUT: no
     * instance will answer them any more (the one that held the charger went away with the call).
     *
     * @return how many
     */
    public int timeOut(Instant sentBefore, String reason, Instant now) {
        return jdbc.update("UPDATE charger_commands SET status = 'TIMED_OUT', result = ?, updated_at = ? "
                + "WHERE status = 'SENT' AND created_at < ?", JSON.writeValueAsString(Map.of("reason", reason)),
                Timestamp.from(now), Timestamp.from(sentBefore));
    }

    public Optional<StoredCommand> find(String commandId) {
        return jdbc.query("SELECT id, charge_point_id, type, status, result FROM charger_commands WHERE id = ?",
                (rs, i) -> new StoredCommand(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? null : JSON.readTree(rs.getString(5))), commandId)
                .stream().findFirst();
    }
}
