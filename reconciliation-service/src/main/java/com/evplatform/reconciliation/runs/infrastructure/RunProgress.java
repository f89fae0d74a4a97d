package com.evplatform.reconciliation.runs.infrastructure;

import static com.evplatform.reconciliation.runs.infrastructure.Sql.ts;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A run's state as its job moves: the total once scoped, done and matched with each chunk (in
 * the chunk's transaction, so a restart never counts a chunk twice), a heartbeat that tells
 * other instances the run is alive, and a progress line in the log at every tenth.
 */
@Component
class RunProgress {

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    private final JdbcTemplate jdbc;

    RunProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void scoped(String runId, long total, Instant now) {
        jdbc.update("UPDATE runs SET total = ?, heartbeat_at = ? WHERE id = ?", total, ts(now), runId);
        log.info("Reconciliation run {}: {} items to check", runId, total);
    }

    void advance(String runId, int done, int matched, Instant now) {
        jdbc.update("UPDATE runs SET done = done + ?, matched = matched + ?, heartbeat_at = ? WHERE id = ?", done,
                matched, ts(now), runId);
        jdbc.query("SELECT done, total FROM runs WHERE id = ?", rs -> {
            long after = rs.getLong("done");
            long total = Math.max(1, rs.getLong("total"));
            long before = after - done;
            if (before * 10 / total != after * 10 / total) {
                log.info("Reconciliation run {}: {}/{} checked ({} %)", runId, after, rs.getLong("total"),
                        after * 100 / total);
            }
        }, runId);
    }

    void completed(String runId, Instant now) {
        jdbc.update("UPDATE runs SET status = 'COMPLETED', finished_at = ?, heartbeat_at = ? WHERE id = ?", ts(now),
                ts(now), runId);
    }

    void logSummary(String runId, java.util.Map<com.evplatform.reconciliation.runs.model.MismatchKind, Long> found) {
        jdbc.query("SELECT total, done, matched FROM runs WHERE id = ?", rs -> {
            log.info("Reconciliation run {} completed: {} checked, {} matched, mismatches {}", runId,
                    rs.getLong("done"), rs.getLong("matched"), found);
        }, runId);
    }

    void failed(String runId, String reason, Instant now) {
        String failure = reason == null ? "failed" : reason.length() > 500 ? reason.substring(0, 500) : reason;
        jdbc.update("UPDATE runs SET status = 'FAILED', failure = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?",
                failure, ts(now), ts(now), runId);
    }

    /** A failed run taken up again: RUNNING, its failure forgotten. */
    void resumed(String runId, Instant now) {
        jdbc.update("UPDATE runs SET status = 'RUNNING', failure = NULL, finished_at = NULL, heartbeat_at = ? "
                + "WHERE id = ?", ts(now), runId);
    }
}
