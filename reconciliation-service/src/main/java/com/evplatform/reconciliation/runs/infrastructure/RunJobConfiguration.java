package com.evplatform.reconciliation.runs.infrastructure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import com.evplatform.reconciliation.records.model.WalletCredit;
import com.evplatform.reconciliation.runs.application.ReconciliationProperties;
import com.evplatform.reconciliation.runs.application.RunStore;
import com.evplatform.reconciliation.runs.model.Checks;
import com.evplatform.reconciliation.runs.model.Finding;
import com.evplatform.reconciliation.runs.model.Run;
import com.evplatform.reconciliation.runs.model.StatementLine;

/**
 * The two Spring Batch jobs a run is. A window run scopes its data, checks charger transactions
 * and then priced orders, one partition per operator on {@code workers} threads, and sums up. A
 * statement run checks each line of the statement, then looks for credits the statement lacks.
 * Every step is chunked: a chunk's findings, progress and reader position commit together, so a
 * run restarted after a crash goes on from its last chunk and finds nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class RunJobConfiguration {

    static final String WINDOW_JOB = "windowReconciliation";
    static final String STATEMENT_JOB = "statementReconciliation";
    static final String RUN_ID = "runId";
    private static final String PARTITION = "operator";

    private final JobRepository repository;
    private final PlatformTransactionManager transactions;
    private final ReconciliationProperties properties;
    private final RecordQueries records;
    private final RunStore runs;
    private final RunProgress progress;
    private final FindingsRecorder recorder;
    private final Clock clock;

    RunJobConfiguration(JobRepository repository, PlatformTransactionManager transactions,
            ReconciliationProperties properties, RecordQueries records, RunStore runs, RunProgress progress,
            FindingsRecorder recorder, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.properties = properties;
        this.records = records;
        this.runs = runs;
        this.progress = progress;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Bean
    Job windowReconciliation(Step windowScope, Step transactionPartitions, Step orderPartitions, Step summary,
            RunFailureListener failures) {
        return new JobBuilder(WINDOW_JOB, repository).listener(failures).start(windowScope)
                .next(transactionPartitions).next(orderPartitions).next(summary).build();
    }

    @Bean
    Job statementReconciliation(Step statementScope, Step statementLines, Step unknownCredits, Step summary,
            RunFailureListener failures) {
        return new JobBuilder(STATEMENT_JOB, repository).listener(failures).start(statementScope)
                .next(statementLines).next(unknownCredits).next(summary).build();
    }

    // --- window runs ----------------------------------------------------------------------

    @Bean
    Step windowScope() {
        return new StepBuilder("windowScope", repository).tasklet((contribution, context) -> {
            Run run = run(context.getStepContext().getJobParameters().get(RUN_ID));
            RunScope scope = RunScope.of(run, null);
            progress.scoped(run.id(), records.countTransactions(scope) + records.countPricedOrders(scope),
                    clock.instant());
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    @Bean
    Step transactionPartitions(Step transactionChecks, Partitioner operatorPartitioner) {
        return new StepBuilder("transactions", repository).partitioner("transactionChecks", operatorPartitioner)
                .step(transactionChecks).gridSize(properties.workers()).taskExecutor(workers()).build();
    }

    @Bean
    Step orderPartitions(Step orderChecks, Partitioner operatorPartitioner) {
        return new StepBuilder("orders", repository).partitioner("orderChecks", operatorPartitioner)
                .step(orderChecks).gridSize(properties.workers()).taskExecutor(workers()).build();
    }

    @Bean
    @StepScope
    Partitioner operatorPartitioner(@Value("#{jobParameters['runId']}") String runId) {
        return gridSize -> {
            Run run = run(runId);
            List<String> operators = run.operatorCode() != null ? List.of(run.operatorCode())
                    : records.operators(RunScope.of(run, null));
            Map<String, ExecutionContext> partitions = new HashMap<>();
            for (String operator : operators.isEmpty() ? List.of(RunScope.NO_OPERATOR) : operators) {
                ExecutionContext context = new ExecutionContext();
                context.putString(PARTITION, operator);
                partitions.put("operator:" + operator, context);
            }
            return partitions;
        };
    }

    @Bean
    Step transactionChecks(RunReaders.Transactions transactionReader,
            CheckedWriter checkedWriter) {
        return new StepBuilder("transactionChecks", repository)
                .<RunReaders.TransactionItem, List<CheckedSubject>>chunk(properties.chunkSize())
                .transactionManager(transactions).reader(transactionReader)
                .processor(item -> List.of(new CheckedSubject(Finding.transactionSubject(item.tx().transactionId()),
                        Checks.TRANSACTION_KINDS, Checks.transaction(item.tx(), item.billed()))))
                .writer(checkedWriter).build();
    }

    @Bean
    Step orderChecks(RunReaders.Orders orderReader, CheckedWriter checkedWriter) {
        return new StepBuilder("orderChecks", repository)
                .<RunReaders.OrderItem, List<CheckedSubject>>chunk(properties.chunkSize())
                .transactionManager(transactions).reader(orderReader)
                .processor(item -> List.of(new CheckedSubject(Finding.orderSubject(item.order().orderId()),
                        Checks.ORDER_KINDS, Checks.order(item.order(), item.tx(), item.siblings(),
                                properties.zone()))))
                .writer(checkedWriter).build();
    }

    @Bean
    @StepScope
    RunReaders.Transactions transactionReader(@Value("#{jobParameters['runId']}") String runId,
            @Value("#{stepExecutionContext['operator']}") String operator) {
        return new RunReaders.Transactions(records, RunScope.of(run(runId), operator), properties.chunkSize());
    }

    @Bean
    @StepScope
    RunReaders.Orders orderReader(@Value("#{jobParameters['runId']}") String runId,
            @Value("#{stepExecutionContext['operator']}") String operator) {
        return new RunReaders.Orders(records, RunScope.of(run(runId), operator), properties.chunkSize());
    }

    @Bean
    @StepScope
    CheckedWriter checkedWriter(@Value("#{jobParameters['runId']}") String runId) {
        return new CheckedWriter(runId, recorder, progress, clock);
    }

    // --- statement runs -------------------------------------------------------------------

    @Bean
    Step statementScope(StatementQueries statements) {
        return new StepBuilder("statementScope", repository).tasklet((contribution, context) -> {
            Run run = run(context.getStepContext().getJobParameters().get(RUN_ID));
            progress.scoped(run.id(), statements.count(run.id())
                    + records.countCreditsMissingFrom(run.id(), run.from(), run.to()), clock.instant());
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    @Bean
    Step statementLines(RunReaders.StatementLines statementLineReader, CheckedWriter checkedWriter) {
        return new StepBuilder("statementLines", repository)
                .<RunReaders.LineItem, List<CheckedSubject>>chunk(properties.chunkSize())
                .transactionManager(transactions).reader(statementLineReader)
                .processor(item -> {
                    StatementLine line = item.line();
                    List<CheckedSubject> checked = new ArrayList<>();
                    checked.add(new CheckedSubject(Finding.paymentSubject(line.paymentId()), Checks.PAYMENT_KINDS,
                            Checks.statementLine(line, item.credit())));
                    // The statement names this top-up: whatever said it was unknown is settled.
                    checked.add(new CheckedSubject(Finding.topUpSubject(line.topUpId()), Checks.TOP_UP_KINDS,
                            List.of()));
                    return checked;
                })
                .writer(checkedWriter).build();
    }

    @Bean
    Step unknownCredits(RunReaders.UnknownCredits unknownCreditReader, CheckedWriter checkedWriter) {
        return new StepBuilder("unknownCredits", repository)
                .<WalletCredit, List<CheckedSubject>>chunk(properties.chunkSize())
                .transactionManager(transactions).reader(unknownCreditReader)
                .processor(credit -> List.of(new CheckedSubject(Finding.topUpSubject(credit.topUpId()),
                        Checks.TOP_UP_KINDS, List.of(Checks.unknownCredit(credit)))))
                .writer(checkedWriter).build();
    }

    @Bean
    @StepScope
    RunReaders.StatementLines statementLineReader(@Value("#{jobParameters['runId']}") String runId,
            StatementQueries statements) {
        return new RunReaders.StatementLines(statements, records, runId, properties.chunkSize());
    }

    @Bean
    @StepScope
    RunReaders.UnknownCredits unknownCreditReader(@Value("#{jobParameters['runId']}") String runId) {
        Run run = run(runId);
        return new RunReaders.UnknownCredits(records, runId, run.from(), run.to(), properties.chunkSize());
    }

    // --- both -------------------------------------------------------------------------------

    @Bean
    Step summary() {
        return new StepBuilder("summary", repository).tasklet((contribution, context) -> {
            String runId = (String) context.getStepContext().getJobParameters().get(RUN_ID);
            progress.completed(runId, clock.instant());
            progress.logSummary(runId, runs.mismatchCounts(runId));
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    private SimpleAsyncTaskExecutor workers() {
        var executor = new SimpleAsyncTaskExecutor("reconciliation-worker-");
        executor.setConcurrencyLimit(properties.workers());
        return executor;
    }

    private Run run(Object runId) {
        return runs.byId((String) runId)
                .orElseThrow(() -> new IllegalStateException("no reconciliation run " + runId));
    }
}
