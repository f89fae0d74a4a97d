package com.evplatform.reconciliation.runs.application;

import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.contract.Money;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.Run;
import com.evplatform.reconciliation.runs.model.StatementCsv;
import com.evplatform.reconciliation.runs.model.StatementLine;
import com.evplatform.service.support.refusal.Refusal;

/**
 * Starting runs (on demand, daily, from a payment statement) and reading them back. A run is
 * recorded first and then handed to the launcher, so it is visible (RUNNING, progress 0) from
 * the moment the caller gets its id.
 */
@Service
public class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);

    /** A run with its summary: what it checked and found. */
    public record RunReport(Run run, Map<MismatchKind, Long> mismatches, List<Money> amountDifference) {
    }

    private final RunStore runs;
    private final RunLauncher launcher;
    private final TransactionTemplate transactions;
    private final ReconciliationProperties properties;
    private final Clock clock;

    public Runs(RunStore runs, RunLauncher launcher, TransactionTemplate transactions,
            ReconciliationProperties properties, Clock clock) {
        this.runs = runs;
        this.launcher = launcher;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws Refusal 400 when the window is empty or too long, 403 when an operator asks for
     *         another operator's (or every operator's) reconciliation
     */
    public Run start(Caller caller, Instant from, Instant to, String operatorCode) {
        String scope = caller.scope();
        if (scope != null && operatorCode != null && !operatorCode.equals(scope)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "OPERATOR_SCOPE",
                    "An operator reconciles only its own stations");
        }
        String operator = scope != null ? scope : operatorCode;
        if (!from.isBefore(to)) {
            throw Refusal.invalid("to", "must be after from");
        }
        if (java.time.Duration.between(from, to).compareTo(properties.maxWindow()) > 0) {
            throw Refusal.invalid("to", "a run covers at most " + properties.maxWindow().toDays() + " days");
        }
        Instant now = clock.instant();
        Run run = Run.window(UUID.randomUUID().toString(), from, to, operator,
                runs.lastCompletedWindowRun(operator).orElse(null), caller.userId(), now);
        runs.insert(run);
        log.info("Reconciliation run {} started by {} for [{}, {}){}", run.id(), caller.userId(), from, to,
                operator == null ? "" : " operator " + operator);
        launcher.launch(run.id());
        return run;
    }

    /** The daily run for one local day; started once however many instances ask. */
    public void daily(LocalDate day) {
        Instant from = day.atStartOfDay(properties.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(properties.zone()).toInstant();
        Run run = Run.window(UUID.randomUUID().toString(), from, to, null,
                runs.lastCompletedWindowRun(null).orElse(null), "daily", clock.instant());
        if (runs.insertDaily(run, "daily:" + day + ":" + properties.zone())) {
            log.info("Daily reconciliation run {} started for {} ({})", run.id(), day, properties.zone());
            launcher.launch(run.id());
        }
    }

    /**
     * A payment provider statement, compared with the credits of its period.
     *
     * @throws Refusal 400 STATEMENT_INVALID listing the lines that are wrong; nothing is kept
     */
    public Run uploadStatement(Caller caller, Reader csv) {
        if (!caller.admin()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "ADMIN_ONLY", "Payment statements are the platform's");
        }
        List<StatementLine> lines;
        try {
            lines = StatementCsv.parse(csv, properties.maxStatementLines());
        } catch (StatementCsv.InvalidStatement e) {
            throw new Refusal(Refusal.Kind.INVALID, "STATEMENT_INVALID", "The statement is not valid: "
                    + e.getMessage()).with("errors", e.problems().subList(0, Math.min(100, e.problems().size())));
        }
        Instant first = lines.stream().map(StatementLine::paidAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = lines.stream().map(StatementLine::paidAt).max(Comparator.naturalOrder()).orElseThrow();
        Run run = Run.statement(UUID.randomUUID().toString(), first, last, caller.userId(), clock.instant());
        transactions.executeWithoutResult(status -> {
            runs.insert(run);
            runs.insertStatementLines(run.id(), lines);
        });
        log.info("Statement reconciliation run {}: {} payments from {} to {}", run.id(), lines.size(), first, last);
        launcher.launch(run.id());
        return run;
    }

    /** @throws Refusal 404 RUN_NOT_FOUND, also for another operator's run */
    public RunReport report(Caller caller, String runId) {
        Run run = visible(caller, runId);
        Map<MismatchKind, Long> counts = new EnumMap<>(MismatchKind.class);
        for (MismatchKind kind : MismatchKind.values()) {
            counts.put(kind, 0L);
        }
        counts.putAll(runs.mismatchCounts(runId));
        return new RunReport(run, counts, runs.amountDifference(runId));
    }

    public RunStore.Page<Run> search(Caller caller, Run.Status status, int page, int size) {
        return runs.search(status, caller.scope(), page, size);
    }

    Run visible(Caller caller, String runId) {
        return runs.byId(runId).filter(run -> caller.sees(run.operatorCode()))
                .orElseThrow(() -> Refusal.notFound("RUN_NOT_FOUND", "No reconciliation run " + runId));
    }
}
