package com.evplatform.device.ocpp.charger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The OCPP history in plain SQL: transactions, issued idTags, status log, what could not be matched. */
@Repository
public class OcppRecords {

    public record TransactionRow(int id, String chargePointId, int connectorId, String idTag, String idTagStatus,
            String sessionId, Instant startedAt, long meterStartWh, Instant stoppedAt, Long meterStopWh,
            String stopReason) {

        public boolean stopped() {
            return stoppedAt != null;
        }
    }

    /** @param usedByTransaction the transaction the tag started, once it started one */
    public record IssuedTag(String idTag, String chargePointId, String sessionId, Instant issuedAt,
            Integer usedByTransaction, Instant revokedAt) {
    }

    private static final RowMapper<TransactionRow> TRANSACTION = (rs, i) -> new TransactionRow(rs.getInt("id"),
            rs.getString("charge_point_id"), rs.getInt("connector_id"), rs.getString("id_tag"),
            rs.getString("id_tag_status"), rs.getString("session_id"), rs.getTimestamp("started_at").toInstant(),
            rs.getLong("meter_start_wh"),
            rs.getTimestamp("stopped_at") == null ? null : rs.getTimestamp("stopped_at").toInstant(),
            rs.getObject("meter_stop_wh") == null ? null : rs.getLong("meter_stop_wh"), rs.getString("stop_reason"));

    private final JdbcTemplate jdbc;

    OcppRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TransactionRow> transaction(int id) {
        return jdbc.query("SELECT * FROM ocpp_transactions WHERE id = ?", TRANSACTION, id).stream().findFirst();
    }

    /** The transaction this exact start (connector, idTag, timestamp, meter) already opened, if any. */
    public Optional<TransactionRow> transactionStartedAs(String chargePointId, int connectorId, String idTag,
            Instant startedAt, long meterStartWh) {
        return startedAs(chargePointId, connectorId, idTag, startedAt, meterStartWh, "");
    }

    /**
     * A locking read sees the latest committed row, not the transaction's snapshot: after a
     * duplicate key, the row another instance inserted a moment ago.
     */
    private Optional<TransactionRow> startedAs(String chargePointId, int connectorId, String idTag,
            Instant startedAt, long meterStartWh, String lock) {
        return jdbc.query("SELECT * FROM ocpp_transactions WHERE charge_point_id = ? AND connector_id = ? "
                + "AND id_tag = ? AND started_at = ? AND meter_start_wh = ?" + lock, TRANSACTION, chargePointId,
                connectorId, idTag, Timestamp.from(startedAt), meterStartWh).stream().findFirst();
    }

    /** Numbers a new transaction; a concurrent identical start (another instance) yields its row instead. */
    public TransactionRow startTransaction(String chargePointId, int connectorId, String idTag, String idTagStatus,
            String sessionId, Instant startedAt, long meterStartWh, Instant now) {
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.update(connection -> {
                var statement = connection.prepareStatement("INSERT INTO ocpp_transactions (charge_point_id, "
                        + "connector_id, id_tag, id_tag_status, session_id, started_at, meter_start_wh, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
                statement.setString(1, chargePointId);
                statement.setInt(2, connectorId);
                statement.setString(3, idTag);
                statement.setString(4, idTagStatus);
                statement.setString(5, sessionId);
                statement.setTimestamp(6, Timestamp.from(startedAt));
                statement.setLong(7, meterStartWh);
                statement.setTimestamp(8, Timestamp.from(now));
                return statement;
            }, keys);
        } catch (DuplicateKeyException e) {
            return startedAs(chargePointId, connectorId, idTag, startedAt, meterStartWh, " FOR UPDATE").orElseThrow();
        }
        return transaction(keys.getKey().intValue()).orElseThrow();
    }

    /** Closes the transaction; false when it was closed already. */
    public boolean stopTransaction(int id, Instant stoppedAt, long meterStopWh, String reason) {
        return jdbc.update("UPDATE ocpp_transactions SET stopped_at = ?, meter_stop_wh = ?, stop_reason = ? "
                + "WHERE id = ? AND stopped_at IS NULL", Timestamp.from(stoppedAt), meterStopWh, reason, id) == 1;
    }

    public void issueTag(String idTag, String chargePointId, String sessionId, Instant now) {
        // A redelivered remote start issues the same tag again: the first record stands.
        jdbc.update("INSERT IGNORE INTO ocpp_issued_id_tags (id_tag, charge_point_id, session_id, issued_at) "
                + "VALUES (?, ?, ?, ?)", idTag, chargePointId, sessionId, Timestamp.from(now));
    }

    public Optional<IssuedTag> issuedTag(String idTag) {
        return jdbc.query("SELECT id_tag, charge_point_id, session_id, issued_at, used_by_transaction, revoked_at "
                + "FROM ocpp_issued_id_tags WHERE id_tag = ?", (rs, i) -> new IssuedTag(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        (Integer) rs.getObject(5, Integer.class),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), idTag).stream()
                .findFirst();
    }

    /** Revokes a tag (recorded even if the remote start never reached this service: it cannot start later). */
    public void revokeTag(String idTag, String chargePointId, String sessionId, Instant now) {
        jdbc.update("INSERT INTO ocpp_issued_id_tags (id_tag, charge_point_id, session_id, issued_at, revoked_at) "
                + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE revoked_at = COALESCE(revoked_at, ?)", idTag,
                chargePointId, sessionId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
    }

    /** The open transaction a tag started on a charger, if any. */
    public Optional<TransactionRow> openTransactionOf(String chargePointId, String idTag) {
        return jdbc.query("SELECT * FROM ocpp_transactions WHERE charge_point_id = ? AND id_tag = ? "
                + "AND stopped_at IS NULL ORDER BY id DESC LIMIT 1", TRANSACTION, chargePointId, idTag).stream()
                .findFirst();
    }

    public void tagUsed(String idTag, int transactionId) {
        jdbc.update("UPDATE ocpp_issued_id_tags SET used_by_transaction = ? WHERE id_tag = ? "
                + "AND used_by_transaction IS NULL", transactionId, idTag);
    }

    public void keepUnmatched(String chargePointId, String action, String reason, String payload, Instant now) {
        jdbc.update("INSERT INTO ocpp_unmatched (charge_point_id, action, reason, payload, received_at) "
                + "VALUES (?, ?, ?, ?, ?)", chargePointId, action, reason, payload, Timestamp.from(now));
    }

    public void logStatus(String chargePointId, int connectorId, String status, String errorCode, Instant reportedAt,
            Instant now) {
        jdbc.update("INSERT INTO connector_status_log (charge_point_id, connector_id, status, error_code, "
                + "reported_at, received_at) VALUES (?, ?, ?, ?, ?, ?)", chargePointId, connectorId, status,
                errorCode, Timestamp.from(reportedAt), Timestamp.from(now));
    }

    /**
     * Deletes up to {@code limit} status-log rows received before {@code before}, oldest first:
     * ids grow with time, so the primary key finds them without a scan of the rest.
     */
    public int purgeStatusLog(Instant before, int limit) {
        return jdbc.update("DELETE FROM connector_status_log WHERE received_at < ? ORDER BY id LIMIT ?",
                Timestamp.from(before), limit);
    }

    /** Each connector's last logged status (one index range per connector). */
    public Map<Integer, String> lastStatuses(String chargePointId) {
        Map<Integer, String> statuses = new TreeMap<>();
        jdbc.query("SELECT l.connector_id, l.status FROM connector_status_log l JOIN (SELECT connector_id, MAX(id) AS id "
                + "FROM connector_status_log WHERE charge_point_id = ? GROUP BY connector_id) last ON last.id = l.id",
                rs -> {
                    statuses.put(rs.getInt(1), rs.getString(2));
                }, chargePointId);
        return statuses;
    }

    /** The operator of the station the charger belongs to (two primary-key reads); empty for an unknown charger. */
    public Optional<String> operatorOf(String chargePointId) {
        return jdbc.queryForList("SELECT s.operator_code FROM chargers c JOIN stations s ON s.id = c.station_id "
                + "WHERE c.charge_point_id = ?", String.class, chargePointId).stream().findFirst();
    }

    public void chargerSeen(String chargePointId, Instant at) {
        jdbc.update("UPDATE chargers SET last_seen = ? WHERE charge_point_id = ?", Timestamp.from(at), chargePointId);
    }

    public void chargerBooted(String chargePointId, String vendor, String model, String firmware, Instant at) {
        jdbc.update("UPDATE chargers SET vendor = ?, model = ?, firmware = ?, last_seen = ? "
                + "WHERE charge_point_id = ?", vendor, model, firmware, Timestamp.from(at), chargePointId);
    }

    public void firmwareStatus(String chargePointId, String status) {
        jdbc.update("UPDATE chargers SET firmware_status = ? WHERE charge_point_id = ?", status, chargePointId);
    }

    public void diagnosticsStatus(String chargePointId, String status) {
        jdbc.update("UPDATE chargers SET diagnostics_status = ? WHERE charge_point_id = ?", status, chargePointId);
    }
}
