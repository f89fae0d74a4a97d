package com.evplatform.charging.session.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.session.application.MeterReadings;

/** A session's meter readings, for billing by time-of-use segment. */
@Repository
public class MeterSamples implements MeterReadings {

    private final JdbcTemplate jdbc;

    MeterSamples(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a reading; the same instant reported again is stored once. */
    @Override
    public void add(String sessionId, Instant at, long energyWh, Long powerW, Integer soc) {
        jdbc.update("INSERT IGNORE INTO meter_samples (session_id, sampled_at, energy_wh, power_w, soc) "
                + "VALUES (?, ?, ?, ?, ?)", sessionId, Timestamp.from(at), energyWh, powerW, soc);
    }

    /** The readings in time order. */
    @Override
    public List<Pricing.Reading> readings(String sessionId) {
        return jdbc.query("SELECT sampled_at, energy_wh FROM meter_samples WHERE session_id = ? ORDER BY sampled_at",
                (rs, i) -> new Pricing.Reading(rs.getTimestamp(1).toInstant(), rs.getLong(2)), sessionId);
    }

    @Override
    public void recordLateTransaction(String chargePointId, int transactionId, String sessionId, Instant startedAt,
            long meterStartWh, Instant now) {
        jdbc.update("INSERT IGNORE INTO late_transactions (charge_point_id, transaction_id, session_id, started_at, "
                + "meter_start_wh, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", chargePointId, transactionId, sessionId,
                Timestamp.from(startedAt), meterStartWh, Timestamp.from(now));
    }

    /** Completes a late transaction's record with its stop; false if its start is not recorded. */
    @Override
    public boolean recordLateTransactionStop(String chargePointId, int transactionId, Instant stoppedAt,
            long meterStopWh, String reason) {
        return jdbc.update("UPDATE late_transactions SET stopped_at = ?, meter_stop_wh = ?, stop_reason = ? "
                + "WHERE charge_point_id = ? AND transaction_id = ?", Timestamp.from(stoppedAt), meterStopWh, reason,
                chargePointId, transactionId) > 0;
    }

    @Override
    public boolean lateTransactionStopped(String chargePointId, int transactionId) {
        return jdbc.queryForList("SELECT stopped_at IS NOT NULL FROM late_transactions WHERE charge_point_id = ? "
                + "AND transaction_id = ?", Boolean.class, chargePointId, transactionId).stream()
                .allMatch(Boolean.TRUE::equals);
    }
}
