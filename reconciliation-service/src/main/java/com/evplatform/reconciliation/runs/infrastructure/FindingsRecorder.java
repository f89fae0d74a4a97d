package com.evplatform.reconciliation.runs.infrastructure;

import static com.evplatform.reconciliation.runs.infrastructure.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.evplatform.contract.Money;
import com.evplatform.reconciliation.runs.model.Finding;
import com.evplatform.reconciliation.runs.model.MismatchStatus;

/**
 * Stores what one chunk of a run found, in the chunk's transaction: a new mismatch once per kind
 * and subject, a link from the run to every mismatch it found (also ones found before), a
 * mismatch that later data made untrue resolved as DATA, and one resolved as DATA reopened when
 * it is true again. Run again over the same chunk (a restart), it changes nothing more.
 */
@Component
class FindingsRecorder {

    static final String SYSTEM_ACTOR = "reconciliation";

    private record Existing(String id, String status, String resolution) {
    }

    private final JdbcTemplate jdbc;

    FindingsRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String runId, List<CheckedSubject> checked, Instant now) {
        List<String> subjects = checked.stream().map(CheckedSubject::subject).distinct().toList();
        Map<String, Existing> existing = existing(subjects);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        for (CheckedSubject subject : checked) {
            for (Finding finding : subject.findings()) {
                String key = finding.kind() + " " + finding.subject();
                Existing known = existing.get(key);
                if (known == null) {
                    String id = UUID.randomUUID().toString();
                    inserts.add(insertRow(id, runId, finding, now));
                    links.add(new Object[] {runId, id});
                    existing.put(key, new Existing(id, MismatchStatus.OPEN.name(), null));
                    continue;
                }
                links.add(new Object[] {runId, known.id()});
                boolean reopen = MismatchStatus.RESOLVED.name().equals(known.status())
                        && "DATA".equals(known.resolution());
                jdbc.update("""
                        UPDATE mismatches SET last_run_id = ?, expected = ?, actual = ?, difference = ?,
                            amount_difference = ?, adjust_to = ?, detail = ?, updated_at = ?,
                            status = IF(?, 'OPEN', status), resolution = IF(?, NULL, resolution),
                            resolved_at = IF(?, NULL, resolved_at), resolved_by = IF(?, NULL, resolved_by)
                        WHERE id = ?""", runId, finding.expected(), finding.actual(), finding.difference(),
                        amount(finding.amountDifference()), amount(finding.adjustTo()), finding.detail(), ts(now),
                        reopen, reopen, reopen, reopen, known.id());
                if (reopen) {
                    JdbcMismatches.audit(jdbc, known.id(), "REOPENED", SYSTEM_ACTOR, "found again by run " + runId, now);
                }
            }
            for (var kind : subject.decided()) {
                Existing known = existing.get(kind + " " + subject.subject());
                boolean stillTrue = subject.findings().stream().anyMatch(f -> f.kind() == kind);
                if (known != null && !stillTrue && MismatchStatus.OPEN.name().equals(known.status())) {
                    jdbc.update("""
                            UPDATE mismatches SET status = 'RESOLVED', resolution = 'DATA', resolved_at = ?,
                                resolved_by = ?, note = ?, last_run_id = ?, updated_at = ? WHERE id = ?""",
                            ts(now), SYSTEM_ACTOR, "no longer found by run " + runId, runId, ts(now), known.id());
                    JdbcMismatches.audit(jdbc, known.id(), "RESOLVED", SYSTEM_ACTOR,
                            "no longer found by run " + runId, now);
                }
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO mismatches (id, kind, subject, status, run_id, last_run_id, operator_code,
                        charge_point_id, transaction_id, session_id, order_id, payment_id, top_up_id, expected, actual,
                        difference, amount_difference, currency, adjust_to, detail, found_at, updated_at)
                    VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT IGNORE INTO run_mismatches (run_id, mismatch_id) VALUES (?, ?)", links);
        }
    }

    private Map<String, Existing> existing(List<String> subjects) {
        Map<String, Existing> found = new HashMap<>();
        if (subjects.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT id, kind, subject, status, resolution FROM mismatches WHERE subject IN ("
                + Sql.placeholders(subjects) + ")", rs -> {
                    found.put(rs.getString("kind") + " " + rs.getString("subject"),
                            new Existing(rs.getString("id"), rs.getString("status"), rs.getString("resolution")));
                }, subjects.toArray());
        return found;
    }

    private static Object[] insertRow(String id, String runId, Finding f, Instant now) {
        var about = f.about();
        Money currencySource = f.amountDifference() != null ? f.amountDifference() : f.adjustTo();
        return new Object[] {id, f.kind().name(), f.subject(), runId, runId, about.operatorCode(),
                about.chargePointId(), about.transactionId(), about.sessionId(), about.orderId(), about.paymentId(),
                about.topUpId(), f.expected(), f.actual(), f.difference(), amount(f.amountDifference()),
                currencySource == null ? null : currencySource.currency().getCurrencyCode(), amount(f.adjustTo()),
                f.detail(), ts(now), ts(now)};
    }

    private static Object amount(Money money) {
        return money == null ? null : money.amount();
    }
}
