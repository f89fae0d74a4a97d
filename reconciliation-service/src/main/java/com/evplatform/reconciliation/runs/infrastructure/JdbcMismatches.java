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
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.reconciliation.runs.application.MismatchStore;
import com.evplatform.reconciliation.runs.application.RunStore;
import com.evplatform.reconciliation.runs.model.Finding;
import com.evplatform.reconciliation.runs.model.Mismatch;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.MismatchStatus;

@Repository
class JdbcMismatches implements MismatchStore {

    static final String COLUMNS = "m.id, m.kind, m.subject, m.status, m.run_id, m.operator_code, m.charge_point_id, "
            + "m.transaction_id, m.session_id, m.order_id, m.payment_id, m.top_up_id, m.expected, m.actual, "
            + "m.difference, m.amount_difference, m.currency, m.adjust_to, m.detail, m.resolution, m.note, "
            + "m.resolved_at, m.resolved_by, m.adjustment_id, m.found_at";

    private final JdbcTemplate jdbc;

    JdbcMismatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Mismatch> byId(String mismatchId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mismatches m WHERE m.id = ?", JdbcMismatches::mismatch,
                mismatchId).stream().findFirst();
    }

    @Override
    public Map<MismatchKind, Long> openByKind() {
        Map<MismatchKind, Long> open = new EnumMap<>(MismatchKind.class);
        // On ix_mismatches_status: as cheap as the number of open mismatches.
        jdbc.query("SELECT kind, COUNT(*) AS n FROM mismatches WHERE status = 'OPEN' GROUP BY kind",
                rs -> {
                    open.put(MismatchKind.valueOf(rs.getString("kind")), rs.getLong("n"));
                });
        return open;
    }

    @Override
    public Optional<Mismatch> lock(String mismatchId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mismatches m WHERE m.id = ? FOR UPDATE",
                JdbcMismatches::mismatch, mismatchId).stream().findFirst();
    }

    @Override
    public RunStore.Page<Mismatch> search(String runId, MismatchKind kind, MismatchStatus status, String operatorCode,
            int page, int size) {
        StringBuilder from = new StringBuilder(" FROM mismatches m");
        List<Object> args = new ArrayList<>();
        if (runId != null) {
            from.append(" JOIN run_mismatches r ON r.mismatch_id = m.id AND r.run_id = ?");
            args.add(runId);
        }
        from.append(" WHERE 1 = 1");
        if (kind != null) {
            from.append(" AND m.kind = ?");
            args.add(kind.name());
        }
        if (status != null) {
            from.append(" AND m.status = ?");
            args.add(status.name());
        }
        if (operatorCode != null) {
            from.append(" AND m.operator_code = ?");
            args.add(operatorCode);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + from, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Mismatch> items = jdbc.query("SELECT " + COLUMNS + from + " ORDER BY m.found_at, m.id LIMIT ? OFFSET ?",
                JdbcMismatches::mismatch, args.toArray());
        return new RunStore.Page<>(items, total == null ? 0 : total);
    }

    @Override
    public void forEachOfRun(String runId, Consumer<Mismatch> each) {
        jdbc.query("SELECT " + COLUMNS + " FROM run_mismatches r JOIN mismatches m ON m.id = r.mismatch_id"
                + " WHERE r.run_id = ? ORDER BY m.kind, m.subject", rs -> {
                    each.accept(mismatch(rs, 0));
                }, runId);
    }

    @Override
    public List<AuditEntry> history(String mismatchId) {
        return jdbc.query("SELECT action, actor, note, at FROM mismatch_audit WHERE mismatch_id = ? ORDER BY id",
                (rs, n) -> new AuditEntry(rs.getString("action"), rs.getString("actor"), rs.getString("note"),
                        instant(rs, "at")), mismatchId);
    }

    @Override
    public void resolve(String mismatchId, MismatchStatus status, Mismatch.Action action, String note, String actor,
            String adjustmentId, Instant at) {
        jdbc.update("""
                UPDATE mismatches SET status = ?, resolution = ?, note = ?, resolved_at = ?, resolved_by = ?,
                    adjustment_id = ?, updated_at = ? WHERE id = ?""",
                status.name(), action.name(), note, ts(at), actor, adjustmentId, ts(at), mismatchId);
        audit(jdbc, mismatchId, action.name(), actor, note, at);
    }

    static void audit(JdbcTemplate jdbc, String mismatchId, String action, String actor, String note, Instant at) {
        jdbc.update("INSERT INTO mismatch_audit (mismatch_id, action, actor, note, at) VALUES (?, ?, ?, ?, ?)",
                mismatchId, action, actor, note, ts(at));
    }

    static Mismatch mismatch(ResultSet rs, int row) throws SQLException {
        var about = new Finding.Subject(rs.getString("operator_code"), rs.getString("charge_point_id"),
                Sql.integer(rs, "transaction_id"), rs.getString("session_id"), rs.getString("order_id"),
                rs.getString("payment_id"), rs.getString("top_up_id"));
        return new Mismatch(rs.getString("id"), MismatchKind.valueOf(rs.getString("kind")), rs.getString("subject"),
                MismatchStatus.valueOf(rs.getString("status")), rs.getString("run_id"), about,
                rs.getString("expected"), rs.getString("actual"), rs.getString("difference"),
                Sql.money(rs, "amount_difference", "currency"), Sql.money(rs, "adjust_to", "currency"),
                rs.getString("detail"), rs.getString("resolution"), rs.getString("note"), instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("adjustment_id"), instant(rs, "found_at"));
    }
}
