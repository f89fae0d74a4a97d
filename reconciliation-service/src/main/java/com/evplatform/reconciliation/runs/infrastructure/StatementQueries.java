package com.evplatform.reconciliation.runs.infrastructure;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.evplatform.reconciliation.runs.model.StatementLine;

/** Reads an uploaded statement's lines back, in pages. */
@Component
class StatementQueries {

    private final JdbcTemplate jdbc;

    StatementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StatementLine> lines(String runId, int afterLine, int size) {
        return jdbc.query("""
                SELECT line_no, payment_id, top_up_id, amount, currency, paid_at FROM statement_lines
                WHERE run_id = ? AND line_no > ? ORDER BY line_no LIMIT ?""",
                (rs, n) -> new StatementLine(rs.getInt("line_no"), rs.getString("payment_id"),
                        rs.getString("top_up_id"), Sql.money(rs, "amount", "currency"), Sql.instant(rs, "paid_at")),
                runId, afterLine, size);
    }

    long count(String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM statement_lines WHERE run_id = ?", Long.class, runId);
    }
}
