package com.evplatform.device.ocpp.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class GroupCommitTest {

    /** Counts commits and rollbacks; a write "is durable" once its transaction committed. */
    private static final class CountingTransactions extends AbstractPlatformTransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            commits.incrementAndGet();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rollbacks.incrementAndGet();
        }
    }

    private final CountingTransactions transactions = new CountingTransactions();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService chargers = Executors.newFixedThreadPool(12);
    private GroupCommit groupCommit;

    @AfterEach
    void stop() throws InterruptedException {
        chargers.shutdownNow();
        groupCommit.stop();
    }

    /** Charger ids that go to writer 0 and writer 1 of two ("b".hashCode() is even, "a".hashCode() odd). */
    private static final String CHARGER = "b";
    private static final String OTHER_WRITERS_CHARGER = "a";

    private GroupCommit start(int maxBatch) {
        return start(maxBatch, 1);
    }

    private GroupCommit start(int maxBatch, int writers) {
        groupCommit = new GroupCommit(new TransactionTemplate(transactions), meters, maxBatch, Duration.ofSeconds(10),
                writers);
        return groupCommit;
    }

    @Test
    void aWriteRunsInATransactionAndReturnsOnlyOnceItCommitted() {
        start(200);
        var inTransaction = new AtomicInteger();

        groupCommit.write(CHARGER, () -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            inTransaction.incrementAndGet();
        });

        assertThat(inTransaction).hasValue(1);
        assertThat(transactions.commits).hasValue(1);
    }

    @Test
    void writesQueuedWhileABatchCommitsShareTheNextTransaction() throws Exception {
        start(200);
        var written = new AtomicInteger();

        queueTenWhileHeldThenRelease(written::incrementAndGet, () -> assertThat(written).hasValue(0));

        assertThat(written).hasValue(10);
        assertThat(transactions.commits).hasValue(2);
        assertThat(meters.get("ocpp.writes.batch.size").summary().max()).isEqualTo(10);
    }

    @Test
    void aBatchIsNoLargerThanItsMaximum() throws Exception {
        start(4);

        queueTenWhileHeldThenRelease(() -> { }, () -> { });

        assertThat(transactions.commits).hasValue(1 + 3);
        assertThat(meters.get("ocpp.writes.batch.size").summary().max()).isEqualTo(4);
    }

    @Test
    void aFailingWriteFailsOnlyItsOwnCallerAndTheOthersCommitAlone() throws Exception {
        start(200);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = holdTheWriter(release);
        var written = new AtomicInteger();
        List<CompletableFuture<Void>> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            good.add(CompletableFuture.runAsync(() -> groupCommit.write(CHARGER, written::incrementAndGet), chargers));
        }
        // The bad one queued last, so the batch runs the three good ones before it fails.
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 3);
        CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> groupCommit.write(CHARGER, () -> {
            throw new IllegalArgumentException("charger deleted meanwhile");
        }), chargers);
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 4);

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("charger deleted meanwhile");
        // The batch ran the three good writes once and was rolled back; alone, they ran again and committed.
        assertThat(written).hasValue(6);
        assertThat(transactions.rollbacks).hasValue(2);
        assertThat(transactions.commits).hasValue(1 + 3);
        assertThat(meters.counter("ocpp.writes.batch.retried-alone").count()).isEqualTo(4);
    }

    @Test
    void aFailingWriteAloneIsThrownToItsCaller() {
        start(200);

        assertThatThrownBy(() -> groupCommit.write(CHARGER, () -> {
            throw new IllegalStateException("constraint");
        })).isInstanceOf(IllegalStateException.class).hasMessage("constraint");
        assertThat(transactions.rollbacks).hasValue(1);
        groupCommit.write(CHARGER, () -> { });
        assertThat(transactions.commits).hasValue(1);
    }

    @Test
    void anotherWritersChargerCommitsWhileOneWritersBatchWaitsOnTheDatabase() throws Exception {
        start(200, 2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = holdTheWriter(release);

        CompletableFuture<Void> other = CompletableFuture.runAsync(
                () -> groupCommit.write(OTHER_WRITERS_CHARGER, () -> { }), chargers);
        other.get(10, TimeUnit.SECONDS);
        assertThat(held).isNotDone();

        release.countDown();
        held.get(10, TimeUnit.SECONDS);
        assertThat(transactions.commits).hasValue(2);
    }

    /**
     * Holds the writer with a first write, queues ten copies of {@code write} from other threads,
     * runs {@code whileQueued} once all ten wait, then lets the writer go and waits for every write.
     */
    private void queueTenWhileHeldThenRelease(Runnable write, Runnable whileQueued) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = holdTheWriter(release);
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(CompletableFuture.runAsync(() -> groupCommit.write(CHARGER, write), chargers));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.waiting() == 10);
        whileQueued.run();

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    /** A first write that keeps the writer busy until {@code release}, so the next ones queue up. */
    private CompletableFuture<Void> holdTheWriter(CountDownLatch release) {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> groupCommit.write(CHARGER, () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), chargers);
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
        return first;
    }
}
