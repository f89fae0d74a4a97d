package com.evplatform.messaging.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The counters and gauges ARCHITECTURE.md section 3 asks every service to expose. */
public final class MessagingMetrics {

    private final MeterRegistry registry;
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestAgeSeconds = new AtomicLong();
    private final AtomicLong outboxFailed = new AtomicLong();
    private final Map<String, Double> queueMessages = new ConcurrentHashMap<>();

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("messaging.outbox.pending", outboxPending, AtomicLong::get)
                .description("outbox rows waiting to be published").register(registry);
        Gauge.builder("messaging.outbox.oldest.age", outboxOldestAgeSeconds, AtomicLong::get)
                .baseUnit("seconds").description("age of the oldest pending outbox row").register(registry);
        Gauge.builder("messaging.outbox.failed", outboxFailed, AtomicLong::get)
                .description("outbox rows that ran out of attempts").register(registry);
    }

    public void outboxBacklog(long pending, long oldestAgeSeconds, long failed) {
        outboxPending.set(pending);
        outboxOldestAgeSeconds.set(oldestAgeSeconds);
        outboxFailed.set(failed);
    }

    /** Rows the retention purge deleted from one of the library's tables. */
    public void purged(String table, long count) {
        counter("messaging.purged", "table", table).increment(count);
    }

    public void published(String exchange, int count) {
        counter("messaging.published", "exchange", exchange).increment(count);
    }

    public void confirmed(String exchange) {
        counter("messaging.confirmed", "exchange", exchange).increment();
    }

    public void nacked(String exchange) {
        counter("messaging.nacked", "exchange", exchange).increment();
    }

    public void returned(String exchange) {
        counter("messaging.returned", "exchange", exchange).increment();
    }

    /** Due rows a relay pass left for later because an earlier row of their aggregate was still pending. */
    public void outboxHeldForOrder(int rows) {
        if (rows > 0) {
            registry.counter("messaging.outbox.held-for-order").increment(rows);
        }
    }

    public void outboxGaveUp(String exchange) {
        counter("messaging.outbox.gave-up", "exchange", exchange).increment();
    }

    public void consumed(String consumer) {
        consumed(consumer, 1);
    }

    public void consumed(String consumer, int count) {
        counter("messaging.consumed", "consumer", consumer).increment(count);
    }

    public void duplicateDropped(String consumer) {
        duplicatesDropped(consumer, 1);
    }

    public void duplicatesDropped(String consumer, int count) {
        counter("messaging.duplicates", "consumer", consumer).increment(count);
    }

    /** Messages handed back to the broker, after a pause, because the database or broker failed them. */
    public void requeued(String consumer, int count) {
        counter("messaging.requeued", "consumer", consumer).increment(count);
    }

    public void retried(String consumer) {
        counter("messaging.retried", "consumer", consumer).increment();
    }

    /**
     * A consumer this service runs: its dead-letter counter exists from the start at 0, so an
     * alert on its increase fires on the first dead letter rather than on the second.
     */
    public void consumerDeclared(String consumer) {
        counter("messaging.dead-lettered", "consumer", consumer);
    }

    /**
     * Messages waiting in {@code queue} (ready, not yet delivered): how far its consumer lags.
     * NaN while the broker cannot be asked, so a stale figure is never shown as current.
     */
    public void queueMessages(String queue, double messages) {
        if (queueMessages.put(queue, messages) == null) {
            Gauge.builder("messaging.queue.messages", () -> queueMessages.getOrDefault(queue, Double.NaN))
                    .tag("queue", queue).description("messages waiting in a consumer queue or its dead-letter queue")
                    .register(registry);
        }
    }

    public void deadLettered(String consumer) {
        counter("messaging.dead-lettered", "consumer", consumer).increment();
    }

    public void gap(String consumer) {
        counter("messaging.gaps", "consumer", consumer).increment();
    }

    public void stale(String consumer) {
        counter("messaging.out-of-order", "consumer", consumer).increment();
    }

    public void idempotencyStoreUnavailable(String consumer) {
        counter("messaging.idempotency.redis-unavailable", "consumer", consumer).increment();
    }

    public double count(String name, String tagKey, String tagValue) {
        Counter counter = registry.find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String name, String tagKey, String tagValue) {
        return registry.counter(name, tagKey, tagValue);
    }
}
