package com.evplatform.reconciliation.runs.infrastructure;

import static com.evplatform.reconciliation.runs.infrastructure.Sql.instant;
import static com.evplatform.reconciliation.runs.infrastructure.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.contract.Money;
import com.evplatform.reconciliation.runs.application.RunStore;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.Run;
import com.evplatform.reconciliation.runs.model.StatementLine;

@Repository
class JdbcRuns implements RunStore {

    private static final String COLUMNS = "id, kind, status, window_from, window_to, operator_code, late_since, "
            + "started_by, total, done, matched, failure, created_at, finished_at";

    private final JdbcTemplate jdbc;

    JdbcRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Run run) {
        insert(run, null);
    }

    @Override
    public boolean insertDaily(Run run, String dailyKey) {
        try {
            insert(run, dailyKey);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void insert(Run run, String dailyKey) {
        jdbc.update("""
                INSERT INTO runs (id, kind, status, window_from, window_to, operator_code, late_since, started_by,
                    daily_key, created_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                run.id(), run.kind().name(), run.status().name(), ts(run.from()), ts(run.to()), run.operatorCode(),
                ts(run.lateSince()), run.startedBy(), dailyKey, ts(run.createdAt()), ts(run.createdAt()));
    }

    @Override
    public void insertStatementLines(String runId, List<StatementLine> lines) {
        jdbc.batchUpdate("""
                INSERT INTO statement_lines (run_id, line_no, payment_id, top_up_id, amount, currency, paid_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", lines, 1000, (ps, line) -> {
            ps.setString(1, runId);
            ps.setInt(2, line.lineNo());
            ps.setString(3, line.paymentId());
            ps.setString(4, line.topUpId());
            ps.setBigDecimal(5, line.amount().amount());
            ps.setString(6, line.amount().currency().getCurrencyCode());
            ps.setTimestamp(7, ts(line.paidAt()));
        });
    }

    @Override
    public Optional<Run> byId(String runId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM runs WHERE id = ?", JdbcRuns::run, runId).stream().findFirst();
    }

    @Override
    public Page<Run> search(Run.Status status, String operatorCode, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status.name());
        }
        if (operatorCode != null) {
            where.append(" AND operator_code = ?");
            args.add(operatorCode);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM runs" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Run> items = jdbc.query("SELECT " + COLUMNS + " FROM runs" + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", JdbcRuns::run, args.toArray());
        return new Page<>(items, total == null ? 0 : total);
    }

    @Override
    public Optional<Instant> lastCompletedWindowRun(String operatorCode) {
        Instant since = jdbc.query("""
                SELECT MAX(created_at) AS since FROM runs WHERE kind = 'WINDOW' AND status = 'COMPLETED'
                  AND (operator_code IS NULL OR operator_code = ?)""",
                rs -> rs.next() ? instant(rs, "since") : null, operatorCode);
        return Optional.ofNullable(since);
    }

    @Override
    public List<String> stalled(Instant staleBefore) {
        return jdbc.queryForList("SELECT id FROM runs WHERE status = 'RUNNING' AND heartbeat_at < ? ORDER BY created_at",
                String.class, ts(staleBefore));
    }

    @Override
    public boolean claim(String runId, Instant staleBefore, Instant now) {
        return jdbc.update("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING' AND heartbeat_at < ?",
                ts(now), runId, ts(staleBefore)) == 1;
    }

    @Override
    public Map<MismatchKind, Long> mismatchCounts(String runId) {
        Map<MismatchKind, Long> counts = new EnumMap<>(MismatchKind.class);
        jdbc.query("""
                SELECT m.kind, COUNT(*) AS n FROM run_mismatches r JOIN mismatches m ON m.id = r.mismatch_id
                WHERE r.run_id = ? GROUP BY m.kind""",
                rs -> {
                    counts.put(MismatchKind.valueOf(rs.getString("kind")), rs.getLong("n"));
                }, runId);
        return counts;
    }

    @Override
    public List<Money> amountDifference(String runId) {
        return jdbc.query("""
                SELECT m.currency, SUM(m.amount_difference) AS amount FROM run_mismatches r
                JOIN mismatches m ON m.id = r.mismatch_id
                WHERE r.run_id = ? AND m.amount_difference IS NOT NULL GROUP BY m.currency ORDER BY m.currency""",
                (rs, n) -> Sql.money(rs, "amount", "currency"), runId);
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getString("id"), Run.Kind.valueOf(rs.getString("kind")),
                Run.Status.valueOf(rs.getString("status")), instant(rs, "window_from"), instant(rs, "window_to"),
                rs.getString("operator_code"), instant(rs, "late_since"), rs.getString("started_by"),
                rs.getLong("total"), rs.getLong("done"), rs.getLong("matched"), rs.getString("failure"),
                instant(rs, "created_at"), instant(rs, "finished_at"));
    }
}
