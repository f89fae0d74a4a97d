package com.evplatform.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.InboundMessage;
import com.evplatform.messaging.ReturnDefinition;
import com.evplatform.messaging.VersionCheck;
import com.evplatform.messaging.config.MessagingProperties;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessagingMetrics;

/**
 * Publishes outbox rows: locks a batch of due rows ({@code FOR UPDATE SKIP LOCKED}, so
 * several instances share the work), publishes each with {@code mandatory} and a correlated
 * publisher confirm, waits for the confirms, and marks a row SENT only on an ack without a
 * return. A nack, a return, a timeout or a broker error count as a failed attempt, retried
 * with exponential backoff until {@code maxAttempts}, then the row is FAILED.
 *
 * <p>A return of a type the service declared a {@link ReturnDefinition} for is an answer
 * rather than a failure: its handler runs and the row becomes RETURNED, in one transaction.
 *
 * <p>Each aggregate's rows go out in the order they were written: a row waits while an earlier
 * row of its aggregate waits out a backoff or is being published by another relay, so a retry
 * is never overtaken. A row that ends FAILED no longer holds its aggregate back (its
 * consumers see the gap in versions). Within one pass an aggregate's rows go out in order on one
 * channel; should an earlier one be nacked or returned after a later one was confirmed, the
 * later one is already out and the retry arrives after it, as a gap the consumers count.
 *
 * <p>Woken right after a publishing transaction commits; also polls, which recovers rows
 * left by a crash or by a broker outage.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(5);

    private final OutboxRepository repository;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transactions;
    private final MessagingProperties.Relay settings;
    private final MessagingMetrics metrics;
    private final Clock clock;
    private final Supplier<List<ReturnDefinition<?>>> returnDefinitions;
    private volatile Map<String, ReturnDefinition<?>> returnHandlers;
    private final EnvelopeCodec codec;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean brokerUnavailable;
    private final AtomicLong confirmedTotal = new AtomicLong();
    private Thread worker;
    private Instant nextStats = Instant.EPOCH;

    public OutboxRelay(OutboxRepository repository, RabbitTemplate rabbit, TransactionTemplate transactions,
            MessagingProperties.Relay settings, MessagingMetrics metrics, Clock clock) {
        this(repository, rabbit, transactions, settings, metrics, clock, List::of, null);
    }

    public OutboxRelay(OutboxRepository repository, RabbitTemplate rabbit, TransactionTemplate transactions,
            MessagingProperties.Relay settings, MessagingMetrics metrics, Clock clock,
            Supplier<List<ReturnDefinition<?>>> returnDefinitions, EnvelopeCodec codec) {
        // Looked up when the relay first runs: the handlers' own beans may need the outbox.
        this.returnDefinitions = returnDefinitions;
        this.codec = codec;
        this.repository = repository;
        this.rabbit = rabbit;
        this.transactions = transactions;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Rows this relay instance has marked SENT since it was created. */
    public long confirmedTotal() {
        return confirmedTotal.get();
    }

    /** Asks the relay to look for due rows now. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(settings.confirmTimeout().toMillis() + 5_000);
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Lower than the web server's graceful shutdown (DEFAULT_PHASE - 1024) and its stop
        // (- 2048): the relay stops last, so what draining requests committed still goes out.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void loop() {
        while (running) {
            try {
                int published = relayOnce();
                recordBacklog();
                if (brokerUnavailable) {
                    brokerUnavailable = false;
                    sleepQuietly(settings.initialBackoff());
                } else if (published < settings.batchSize()) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is away, most likely: say so and try again after a pause.
                log.warn("outbox relay pass failed: {}", e.toString());
                sleepQuietly(settings.pollInterval().multipliedBy(4));
            }
        }
    }

    /**
     * One pass: publish up to a batch of due rows and record the outcome of each.
     *
     * @return how many rows were attempted
     */
    public int relayOnce() {
        if (returnHandlers == null) {
            returnHandlers = returnDefinitions.get().stream()
                    .collect(Collectors.toUnmodifiableMap(ReturnDefinition::type, Function.identity()));
        }
        List<Outcome> returns = new ArrayList<>();
        Integer attempted = transactions.execute(status -> {
            List<OutboxRow> locked = repository.lockDue(settings.batchSize(), clock.instant());
            if (locked.isEmpty()) {
                return 0;
            }
            List<OutboxRow> rows = inAggregateOrder(locked);
            List<Outcome> outcomes = publishAll(rows);
            Instant now = clock.instant();
            List<Long> sent = new ArrayList<>(rows.size());
            int notAttempted = 0;
            for (Outcome outcome : outcomes) {
                if (outcome.notAttempted()) {
                    notAttempted++;
                } else if (outcome.returned() && returnHandlers.containsKey(outcome.row().type())) {
                    returns.add(outcome);
                } else if (outcome.error() == null) {
                    sent.add(outcome.row().id());
                } else {
                    recordFailure(outcome.row(), outcome.error(), now);
                }
            }
            repository.markSent(sent, now);
            confirmedTotal.addAndGet(sent.size());
            if (notAttempted > 0) {
                // The broker is unreachable: that is no fault of these rows, so their attempts
                // are not counted; they stay due and the loop pauses before the next pass.
                brokerUnavailable = true;
            }
            return rows.size() - notAttempted;
        });
        returns.forEach(this::handleReturn);
        return attempted == null ? 0 : attempted;
    }

    /**
     * The locked rows that may go out now: a row waits (stays PENDING, its attempts untouched)
     * while an earlier PENDING row of its aggregate is not in this batch, because it waits out a
     * backoff or another relay holds it. Within the batch an aggregate's rows go out in id order
     * on one channel.
     */
    private List<OutboxRow> inAggregateOrder(List<OutboxRow> locked) {
        Map<String, Long> waitingFor = repository.firstPendingElsewhere(locked);
        if (waitingFor.isEmpty()) {
            return locked;
        }
        List<OutboxRow> ready = new ArrayList<>(locked.size());
        for (OutboxRow row : locked) {
            Long earlier = row.aggregateId() == null ? null : waitingFor.get(row.aggregateId());
            if (earlier == null || earlier > row.id()) {
                ready.add(row);
            }
        }
        metrics.outboxHeldForOrder(locked.size() - ready.size());
        return ready;
    }

    private record Outcome(OutboxRow row, String error, boolean notAttempted, boolean returned) {
        Outcome(OutboxRow row, String error, boolean notAttempted) {
            this(row, error, notAttempted, false);
        }
    }

    /**
     * The producer's answer to a return, in a transaction of its own after the batch's: the
     * row is locked again and must still be PENDING (another relay may have published it
     * meanwhile and handled its return), then the handler's effect and RETURNED commit
     * together. A failing handler leaves a failed attempt, retried like any other.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handleReturn(Outcome outcome) {
        OutboxRow row = outcome.row();
        ReturnDefinition definition = returnHandlers.get(row.type());
        try {
            transactions.executeWithoutResult(status -> {
                if (!repository.lockPending(row.id())) {
                    return;
                }
                Envelope envelope = codec.decode(row.body());
                Object payload = codec.payload(envelope, definition.payloadType());
                definition.handler().handle(new InboundMessage<>(envelope, payload, VersionCheck.NOT_CHECKED, 0));
                repository.markReturned(row.id(), clock.instant(), outcome.error());
            });
        } catch (RuntimeException e) {
            log.warn("handling the return of outbox row {} ({}) failed: {}", row.id(), row.type(), e.toString());
            transactions.executeWithoutResult(status -> recordFailure(row,
                    outcome.error() + "; return handler failed: " + e, clock.instant()));
        }
    }

    private List<Outcome> publishAll(List<OutboxRow> rows) {
        // One channel for the whole batch: RabbitTemplate would otherwise take a channel from its
        // cache per send, and the broker keeps order only within a channel.
        List<CorrelationData> confirms = new ArrayList<>(rows.size());
        try {
            rabbit.invoke(channel -> {
                boolean brokerFailed = false;
                for (OutboxRow row : rows) {
                    var correlation = new CorrelationData(Long.toString(row.id()));
                    if (!brokerFailed) {
                        try {
                            channel.send(row.exchange(), row.routingKey(), toAmqp(row), correlation);
                            metrics.published(row.exchange(), 1);
                        } catch (RuntimeException e) {
                            log.warn("outbox relay cannot publish, pausing: {}", e.toString());
                            brokerFailed = true;
                        }
                    }
                    confirms.add(brokerFailed ? null : correlation);
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("outbox relay cannot open a channel, pausing: {}", e.toString());
            while (confirms.size() < rows.size()) {
                confirms.add(null);
            }
        }

        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            CorrelationData correlation = confirms.get(i);
            if (correlation == null) {
                outcomes.add(new Outcome(row, null, true));
            } else {
                String error = awaitConfirm(row, correlation, deadline);
                outcomes.add(new Outcome(row, error, false, error != null && correlation.getReturned() != null));
            }
        }
        return outcomes;
    }

    /** @return null when acked and routed, else why not */
    private String awaitConfirm(OutboxRow row, CorrelationData correlation, long deadline) {
        try {
            var confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!confirm.ack()) {
                metrics.nacked(row.exchange());
                return "nacked by the broker: " + confirm.reason();
            }
            if (correlation.getReturned() != null) {
                metrics.returned(row.exchange());
                return "returned unroutable: " + correlation.getReturned().getReplyText() + " (exchange "
                        + row.exchange() + ", routing key " + row.routingKey() + ")";
            }
            metrics.confirmed(row.exchange());
            return null;
        } catch (TimeoutException e) {
            return "no confirm within " + settings.confirmTimeout();
        } catch (ExecutionException e) {
            return "confirm failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the confirm";
        }
    }

    private void recordFailure(OutboxRow row, String error, Instant now) {
        int attempts = row.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            metrics.outboxGaveUp(row.exchange());
            log.error("outbox row {} ({} to {} / {}) FAILED after {} attempts: {}", row.id(), row.type(),
                    row.exchange(), row.routingKey(), attempts, error);
            repository.markAttemptFailed(row.id(), attempts, OutboxStatus.FAILED, now, error);
        } else {
            Duration backoff = backoff(attempts);
            log.warn("outbox row {} attempt {} failed, next in {}: {}", row.id(), attempts, backoff, error);
            repository.markAttemptFailed(row.id(), attempts, OutboxStatus.PENDING, now.plus(backoff), error);
        }
    }

    Duration backoff(int attempts) {
        Duration backoff = settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
    }

    private static Message toAmqp(OutboxRow row) {
        var properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(row.messageId());
        properties.setType(row.type());
        return new Message(row.body(), properties);
    }

    private void recordBacklog() {
        Instant now = clock.instant();
        if (now.isAfter(nextStats)) {
            nextStats = now.plus(STATS_INTERVAL);
            var backlog = repository.backlog();
            long age = backlog.oldestPendingCreatedAt() == null ? 0
                    : Duration.between(backlog.oldestPendingCreatedAt(), now).toSeconds();
            metrics.outboxBacklog(backlog.pending(), age, backlog.failed());
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
