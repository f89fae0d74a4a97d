package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.evplatform.reconciliation.runs.application.ReconciliationProperties;
import com.evplatform.reconciliation.runs.application.RunLauncher;
import com.evplatform.reconciliation.runs.application.RunStore;

/**
 * Takes up runs whose process died: a RUNNING run whose heartbeat (one per committed chunk) is
 * older than {@code stale-after} is claimed by exactly one instance and resumed there.
 */
@Component
class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunStore runs;
    private final RunLauncher launcher;
    private final ReconciliationProperties properties;
    private final Clock clock;

    RunRecovery(RunStore runs, RunLauncher launcher, ReconciliationProperties properties, Clock clock) {
        this.runs = runs;
        this.launcher = launcher;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${platform.reconciliation.recovery-interval:5s}",
            fixedDelayString = "${platform.reconciliation.recovery-interval:5s}")
    void resumeStalledRuns() {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(properties.staleAfter());
        for (String runId : runs.stalled(staleBefore)) {
            if (runs.claim(runId, staleBefore, now)) {
                log.warn("Reconciliation run {} has shown no progress since before {}; resuming it here", runId,
                        staleBefore);
                launcher.resume(runId);
            }
        }
    }
}
