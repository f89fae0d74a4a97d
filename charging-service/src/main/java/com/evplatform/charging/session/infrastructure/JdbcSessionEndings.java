package com.evplatform.charging.session.infrastructure;

import java.sql.Timestamp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.charging.session.application.SessionEndings;

/** The {@code session_endings} audit table; its primary key is the session. */
@Repository
class JdbcSessionEndings implements SessionEndings {

    private final JdbcTemplate jdbc;

    JdbcSessionEndings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Ending ending) {
        jdbc.update("INSERT INTO session_endings (session_id, stop_reason, ended_by, ended_by_role, ended_at, cause, "
                + "status_before, last_known_wh, meter_stop_wh, reading_given) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ending.sessionId(), ending.stopReason().name(), ending.endedBy(), ending.endedByRole(),
                Timestamp.from(ending.endedAt()), ending.cause(), ending.statusBefore(), ending.lastKnownWh(),
                ending.meterStopWh(), ending.readingGiven());
    }
}
