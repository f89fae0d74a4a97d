package com.evplatform.messaging.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.config.MessagingProperties;
import com.evplatform.messaging.consumer.InboxRepository;
import com.evplatform.messaging.outbox.OutboxRepository;
import com.evplatform.messaging.support.MessagingMetrics;

/**
 * Purges what the library's tables keep past its retention: inbox rows, SENT and RETURNED
 * outbox rows, FAILED outbox rows. Every {@code interval}, each table is purged in deletes of
 * at most {@code batchSize} rows, oldest first along an index, each delete its own
 * read-committed transaction: no delete holds many row locks or blocks producers and
 * consumers for long. Every instance of a service runs it; two purging at once only take
 * turns on the same rows.
 */
public class RetentionPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** Rows deleted by one purge, per table. */
    public record Purged(long inbox, long sentOutbox, long failedOutbox) {
    }

    private final InboxRepository inbox;
    private final OutboxRepository outbox;
    private final TransactionTemplate transactions;
    private final MessagingProperties.Retention settings;
    private final MessagingMetrics metrics;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    public RetentionPurge(InboxRepository inbox, OutboxRepository outbox, TransactionTemplate transactions,
            MessagingProperties.Retention settings, MessagingMetrics metrics, Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One purge of every table, now. */
    public Purged purgeOnce() {
        Instant now = clock.instant();
        return new Purged(
                inBatches("inbox", limit -> inbox.purgeProcessedBefore(now.minus(settings.inbox()), limit)),
                inBatches("outbox-sent", limit -> outbox.purgeSent(now.minus(settings.sentOutbox()), limit)),
                inBatches("outbox-failed", limit -> outbox.purgeFailed(now.minus(settings.failedOutbox()), limit)));
    }

    private long inBatches(String table, IntUnaryOperator deleteUpTo) {
        long total = BatchedDeletes.run(transactions, settings.batchSize(), deleteUpTo);
        if (total > 0) {
            metrics.purged(table, total);
            log.info("retention purge deleted {} {} rows", total, table);
        }
        return total;
    }

    private void purgeQuietly() {
        try {
            purgeOnce();
        } catch (RuntimeException e) {
            // The database is away, most likely: the next round tries again.
            log.warn("retention purge failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("messaging-retention").daemon().factory());
        long interval = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(this::purgeQuietly, interval, interval, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
