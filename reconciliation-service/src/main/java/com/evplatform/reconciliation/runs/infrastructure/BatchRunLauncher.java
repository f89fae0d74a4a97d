package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.evplatform.reconciliation.runs.application.RunLauncher;
import com.evplatform.reconciliation.runs.application.RunStore;
import com.evplatform.reconciliation.runs.model.Run;

/**
 * Runs each run's job on a small pool of its own, so the API answers 202 at once. Launching a
 * run whose job already has an execution continues it: an execution left STARTED by a process
 * that died is first recovered (marked failed), then restarted from its last committed chunks.
 */
@Component
class BatchRunLauncher implements RunLauncher, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BatchRunLauncher.class);
    private static final Set<BatchStatus> LEFT_RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED,
            BatchStatus.STOPPING, BatchStatus.UNKNOWN);

    private final JobOperator jobs;
    private final JobRepository repository;
    private final Job windowJob;
    private final Job statementJob;
    private final RunStore runs;
    private final RunProgress progress;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("reconciliation-run-", 0).factory());

    BatchRunLauncher(JobOperator jobs, JobRepository repository,
            @Qualifier(RunJobConfiguration.WINDOW_JOB) Job windowJob,
            @Qualifier(RunJobConfiguration.STATEMENT_JOB) Job statementJob, RunStore runs, RunProgress progress,
            Clock clock) {
        this.jobs = jobs;
        this.repository = repository;
        this.windowJob = windowJob;
        this.statementJob = statementJob;
        this.runs = runs;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void launch(String runId) {
        executor.execute(() -> run(runId));
    }

    @Override
    public void resume(String runId) {
        executor.execute(() -> run(runId));
    }

    private void run(String runId) {
        try {
            Run run = runs.byId(runId).orElseThrow(() -> new IllegalStateException("no run " + runId));
            Job job = run.kind() == Run.Kind.WINDOW ? windowJob : statementJob;
            JobParameters parameters = new JobParametersBuilder().addString(RunJobConfiguration.RUN_ID, runId)
                    .toJobParameters();
            JobExecution last = repository.getLastJobExecution(job.getName(), parameters);
            if (last == null) {
                jobs.start(job, parameters);
                return;
            }
            if (last.getStatus() == BatchStatus.COMPLETED) {
                return;
            }
            if (LEFT_RUNNING.contains(last.getStatus())) {
                log.warn("Reconciliation run {}: execution {} was left {} by a process that stopped; recovering it",
                        runId, last.getId(), last.getStatus());
                last = jobs.recover(last);
            }
            progress.resumed(runId, clock.instant());
            log.info("Reconciliation run {} resumes from its last committed chunk", runId);
            jobs.restart(last);
        } catch (Exception e) {
            log.error("Reconciliation run {} could not be run", runId, e);
            progress.failed(runId, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
