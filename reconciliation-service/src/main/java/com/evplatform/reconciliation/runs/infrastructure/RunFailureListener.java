package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Marks a run FAILED, with the reason, when its job ends in anything but success. */
@Component
class RunFailureListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunFailureListener.class);

    private final RunProgress progress;
    private final Clock clock;

    RunFailureListener(RunProgress progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        String runId = execution.getJobParameters().getString(RunJobConfiguration.RUN_ID);
        String reason = execution.getAllFailureExceptions().stream().findFirst()
                .map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .orElse(execution.getExitStatus().getExitDescription());
        log.error("Reconciliation run {} ended {}: {}", runId, execution.getStatus(), reason);
        progress.failed(runId, reason, clock.instant());
    }
}
