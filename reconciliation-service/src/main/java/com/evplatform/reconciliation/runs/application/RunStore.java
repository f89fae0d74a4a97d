package com.evplatform.reconciliation.runs.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.evplatform.contract.Money;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.Run;
import com.evplatform.reconciliation.runs.model.StatementLine;

/** Where runs, their progress and their statements are kept. */
public interface RunStore {

    void insert(Run run);

    /** @return false when a daily run with this key exists already (another instance started it) */
    boolean insertDaily(Run run, String dailyKey);

    void insertStatementLines(String runId, List<StatementLine> lines);

    Optional<Run> byId(String runId);

    /** Runs newest first; {@code operatorCode} null for all operators' and the platform's. */
    Page<Run> search(Run.Status status, String operatorCode, int page, int size);

    /**
     * When the latest completed window run covering this scope was created: rows changed since
     * then may have arrived after it checked their window.
     */
    Optional<Instant> lastCompletedWindowRun(String operatorCode);

    /** Runs still RUNNING whose last sign of life is older than {@code staleBefore}. */
    List<String> stalled(Instant staleBefore);

    /** Takes over a stalled run: true for exactly one caller. */
    boolean claim(String runId, Instant staleBefore, Instant now);

    Map<MismatchKind, Long> mismatchCounts(String runId);

    /** What the run's money mismatches add up to, per currency. */
    List<Money> amountDifference(String runId);

    /** A page of results: the items and how many there are in all. */
    record Page<T>(List<T> items, long total) {
    }
}
