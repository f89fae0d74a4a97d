package com.evplatform.device.ocpp.charger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

/**
 * Commits the small writes of many chargers together (ADR 19): the boot-time writes (online,
 * BootNotification, StatusNotification), each its own short transaction before, are queued here
 * and a writer thread runs whatever has queued as one transaction, up to {@code maxBatch} of
 * them. The caller waits for that commit: {@link #write} returns only once its change and the
 * events it published through the outbox are durable, so the charger's CALLRESULT, sent after,
 * is still the truth. Nothing waits on purpose: at low load a batch is one write, committed at
 * once; under a storm the writes that arrive while one batch commits make the next, so a
 * thousand chargers booting cost tens of commits, not thousands.
 *
 * <p>When a batch fails, each of its writes runs again alone, so one bad write (a charger deleted
 * meanwhile, a constraint) fails only its own caller, as it did with a transaction each. The
 * writes of different chargers touch different rows (and outbox aggregates); a charger's own
 * writes come one at a time, each waiting for the last.
 *
 * <p>{@code writers} writer threads run side by side, each with its own queue and database
 * connection; a charger's writes always go to the same one (chosen by its id), so they commit
 * in the order they were made. While one writer's batch waits on the database, another's runs.
 */
@Component
public class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(Runnable write, CompletableFuture<Void> done) {
    }

    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final Duration maxWait;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Counter retriedAlone;
    private volatile boolean stopped;

    GroupCommit(TransactionTemplate transactions, MeterRegistry meters,
            @Value("${platform.device.ocpp.write-batch.max-size:200}") int maxBatch,
            @Value("${platform.device.ocpp.write-batch.max-wait:30s}") Duration maxWait,
            @Value("${platform.device.ocpp.write-batch.writers:3}") int writerCount) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("platform.device.ocpp.write-batch.max-size must be 1 or more");
        }
        if (writerCount < 1) {
            throw new IllegalArgumentException("platform.device.ocpp.write-batch.writers must be 1 or more");
        }
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.batchSizes = DistributionSummary.builder("ocpp.writes.batch.size")
                .description("writes committed together in one transaction").register(meters);
        this.retriedAlone = meters.counter("ocpp.writes.batch.retried-alone");
        for (int i = 0; i < writerCount; i++) {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            writers.add(Thread.ofPlatform().name("ocpp-group-commit-" + i).daemon().start(() -> run(queue)));
        }
    }

    /**
     * Runs {@code write} in a transaction shared with other chargers' writes and returns once it
     * has committed. {@code write} may publish through the outbox (it runs in that transaction);
     * what it throws is thrown here, and then nothing of it was committed.
     *
     * @param chargePointId whose write it is: one charger's writes commit in the order made
     */
    public void write(String chargePointId, Runnable write) {
        var pending = new Pending(write, new CompletableFuture<>());
        if (stopped) {
            throw new IllegalStateException("device-service is stopping; the write was not made");
        }
        queues.get(Math.floorMod(chargePointId.hashCode(), queues.size())).add(pending);
        try {
            pending.done().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // It may still commit later: the caller answers an error, the charger sends it again, and
            // these writes (status history, last seen, events keyed by the charger) bear a repeat.
            throw new IllegalStateException("the write did not commit within " + maxWait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the write to commit", e);
        }
    }

    private void run(BlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopped) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            try {
                commit(batch);
            } catch (Throwable e) {
                // Keeps the writer alive; the callers still waiting learn of it (the others already know).
                batch.forEach(pending -> pending.done().completeExceptionally(e));
            }
            batch.clear();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("device-service stopped before the write"));
        }
    }

    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        try {
            transactions.executeWithoutResult(tx -> batch.forEach(pending -> pending.write().run()));
            batch.forEach(pending -> pending.done().complete(null));
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            log.info("a batch of {} writes failed ({}); each runs again alone", batch.size(), e.toString());
        }
        for (Pending pending : batch) {
            retriedAlone.increment();
            try {
                transactions.executeWithoutResult(tx -> pending.write().run());
                pending.done().complete(null);
            } catch (RuntimeException e) {
                pending.done().completeExceptionally(e);
            }
        }
    }

    /** Writes queued and not yet taken by a writer. */
    int waiting() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopped = true;
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
