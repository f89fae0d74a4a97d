package com.evplatform.messaging;


import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;
import com.evplatform.messaging.topology.TopologyFactory;

/**
 * One consumer of one exchange: its queue(s), the message types it handles and how.
 * Declare it as a bean; the library declares its queues, binds them and runs it.
 *
 * <p>On a partitioned exchange the consumer gets one queue per partition
 * ({@code <name>.p0 ... .pN-1}), each with single-active-consumer and one thread, so
 * messages with the same partition key are handled one at a time in publishing order
 * across all instances of the service.
 *
 * <p>A {@linkplain Builder#perInstance() per-instance} consumer gets one queue of its own per
 * service instance, bound at run time to the routing keys of what this instance holds (the
 * chargers whose WebSocket it has) through {@link InstanceRoutes}; a message for a key no
 * instance holds is returned to its producer.
 *
 * <p>A {@linkplain Builder#inBatches batched} consumer takes up to a batch of messages from its
 * queue at a time and applies them in one transaction with one batch handler: for high rates,
 * where a transaction per message costs more than the work. It accepts message kinds with
 * {@link Builder#accepting} instead of handling each with {@code on(...)}, and it is neither
 * ordered nor per-instance.
 */
public final class ConsumerDefinition {

    /** Bounds a batch: its inbox rows are written in one statement, three parameters a row. */
    private static final int MAX_BATCH_SIZE = 10_000;

    /** What to do with a message whose aggregate version skips ahead. */
    public enum GapPolicy {
        /** Apply it and count the gap; the handler sees {@link VersionCheck#GAP}. */
        REPORT,
        /** Retry it later, hoping the missing message arrives; apply it after the last retry. */
        PARK
    }

    public record HandlerBinding<T>(String type, Class<T> payloadType, MessageHandler<T> handler) {
    }

    private final String name;
    private final ExchangeDefinition source;
    private final Map<String, HandlerBinding<?>> handlers;
    private final boolean ordered;
    private final GapPolicy gapPolicy;
    private final int prefetch;
    private final int concurrency;
    private final Integer maxLength;
    private final boolean perInstance;
    private final String undeliveredConsumer;
    private final Duration undeliveredAfter;
    private final BatchMessageHandler batchHandler;
    private final int batchSize;
    private final Duration batchWait;

    private ConsumerDefinition(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.source = Objects.requireNonNull(builder.source, "source exchange");
        this.ordered = builder.ordered;
        this.gapPolicy = builder.gapPolicy;
        this.concurrency = builder.concurrency;
        this.maxLength = builder.maxLength;
        this.perInstance = builder.perInstance;
        this.undeliveredConsumer = builder.undeliveredConsumer;
        this.undeliveredAfter = builder.undeliveredAfter;
        if (undeliveredConsumer != null && !perInstance) {
            throw new IllegalArgumentException(name + ": only a per-instance consumer hands undelivered messages on");
        }
        this.batchHandler = builder.batchHandler;
        this.batchSize = builder.batchHandler == null ? 1 : builder.batchSize;
        this.batchWait = builder.batchHandler == null ? Duration.ZERO : builder.batchWait;
        // A batch is taken from what the broker has handed over unacked: let it hand over a whole one.
        this.prefetch = Math.max(builder.prefetch, batchSize);
        checkBatchRules(builder);
        this.handlers = Map.copyOf(builder.accepted.isEmpty() ? builder.handlers : oneAtATime(builder));
        if (perInstance && (source.kind() != ExchangeDefinition.Kind.DIRECT || ordered)) {
            throw new IllegalArgumentException(name + ": a per-instance consumer reads a direct exchange, unordered");
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(name + " handles no message type");
        }
    }

    private void checkBatchRules(Builder builder) {
        if (!builder.handlers.isEmpty() && (batched() || !builder.accepted.isEmpty())) {
            throw new IllegalArgumentException(name + ": on(...) and accepting(...)/inBatches(...) do not mix; "
                    + "a consumer handles its messages one at a time or in batches");
        }
        if (!builder.accepted.isEmpty() && !batched()) {
            throw new IllegalArgumentException(name + " accepts message kinds but has no inBatches(...) handler "
                    + "for them");
        }
        if (batched() && builder.accepted.isEmpty()) {
            throw new IllegalArgumentException(name + " is batched but accepts no message kind: add accepting(kind)");
        }
        if (batched() && ordered) {
            throw new IllegalArgumentException(name + ": a batched consumer cannot be ordered; version checks and "
                    + "parking are per message (use on(...))");
        }
        if (batched() && perInstance) {
            throw new IllegalArgumentException(name + ": a batched consumer cannot be per-instance; per-instance "
                    + "messages are time-bound commands, handled one at a time (use on(...))");
        }
    }

    /** Each accepted kind, handled alone by the batch handler: how a failed batch is applied again. */
    private Map<String, HandlerBinding<?>> oneAtATime(Builder builder) {
        Map<String, HandlerBinding<?>> bindings = new LinkedHashMap<>();
        builder.accepted.values().forEach(kind -> bindings.put(kind.name(), alone(kind)));
        return bindings;
    }

    private <T> HandlerBinding<T> alone(MessageType<T> kind) {
        return new HandlerBinding<>(kind.name(), kind.payloadType(),
                message -> batchHandler.handle(List.<InboundMessage<?>>of(message)));
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public ExchangeDefinition source() {
        return source;
    }

    public Map<String, HandlerBinding<?>> handlers() {
        return handlers;
    }

    public boolean ordered() {
        return ordered;
    }

    public GapPolicy gapPolicy() {
        return gapPolicy;
    }

    /** Messages the broker hands over unacked; for a batched consumer at least the batch size. */
    public int prefetch() {
        return prefetch;
    }

    /** Consumers per queue; always 1 on a partitioned exchange, where order matters. */
    public int concurrency() {
        return source.partitions() > 1 ? 1 : concurrency;
    }

    /** Queue length limit with reject-publish (telemetry), or null for none. */
    public Integer maxLength() {
        return maxLength;
    }

    /** One queue per service instance, bound to routing keys at run time. */
    public boolean perInstance() {
        return perInstance;
    }

    /** The consumer (its queue has the same name) that answers what this instance did not take in time, or null. */
    public String undeliveredConsumer() {
        return undeliveredConsumer;
    }

    /** How long a message may wait in this instance's queue before it moves to {@link #undeliveredConsumer()}. */
    public Duration undeliveredAfter() {
        return undeliveredAfter;
    }

    /** Messages are applied in batches by {@link #batchHandler()}. */
    public boolean batched() {
        return batchHandler != null;
    }

    /** Most messages in one batch; 1 for a consumer that is not batched. */
    public int batchSize() {
        return batchSize;
    }

    /** Longest wait to fill a batch before the messages at hand are applied; zero when not batched. */
    public Duration batchWait() {
        return batchWait;
    }

    /** The batch handler, or null for a consumer that is not batched. */
    public BatchMessageHandler batchHandler() {
        return batchHandler;
    }

    public List<String> queueNames() {
        if (perInstance) {
            return List.of(name + "." + MessagingInstance.id());
        }
        if (source.partitions() == 1) {
            return List.of(name);
        }
        return IntStream.range(0, source.partitions()).mapToObj(p -> name + ".p" + p).toList();
    }

    public static final class Builder {
        private final String name;
        private ExchangeDefinition source;
        private final Map<String, HandlerBinding<?>> handlers = new LinkedHashMap<>();
        private boolean ordered;
        private GapPolicy gapPolicy = GapPolicy.REPORT;
        private int prefetch = 50;
        private int concurrency = 1;
        private Integer maxLength;
        private boolean perInstance;
        private String undeliveredConsumer;
        private Duration undeliveredAfter;
        private final Map<String, MessageType<?>> accepted = new LinkedHashMap<>();
        private BatchMessageHandler batchHandler;
        private int batchSize;
        private Duration batchWait;

        private Builder(String name) {
            this.name = name;
        }

        public Builder from(ExchangeDefinition source) {
            this.source = source;
            return this;
        }

        public <T> Builder on(String type, Class<T> payloadType, MessageHandler<T> handler) {
            if (handlers.putIfAbsent(type, new HandlerBinding<>(type, payloadType, handler)) != null) {
                throw new IllegalArgumentException(name + " already handles " + type);
            }
            return this;
        }

        /** Handle a contract's message kind. */
        public <T> Builder on(MessageType<T> kind, MessageHandler<T> handler) {
            return on(kind.name(), kind.payloadType(), handler);
        }

        /** Accepts a contract's message kind: declared and bound like on(kind, handler), handled by the batch handler. */
        public Builder accepting(MessageType<?> kind) {
            if (accepted.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException(name + " already accepts " + kind.name());
            }
            return this;
        }

        /** Batch mode: up to maxSize messages (waiting at most maxWait to fill a batch) applied in one transaction. */
        public Builder inBatches(int maxSize, Duration maxWait, BatchMessageHandler handler) {
            if (maxSize < 1 || maxSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException(name + ": a batch holds 1 to " + MAX_BATCH_SIZE + " messages, not "
                        + maxSize);
            }
            if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException(name + ": the wait to fill a batch must be positive");
            }
            this.batchHandler = Objects.requireNonNull(handler, "batch handler");
            this.batchSize = maxSize;
            this.batchWait = maxWait;
            return this;
        }

        /** Track aggregate versions: detect and count gaps and late messages. */
        public Builder ordered(GapPolicy gapPolicy) {
            this.ordered = true;
            this.gapPolicy = gapPolicy;
            return this;
        }

        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * A queue of this instance's own (classic, expiring once the instance is gone), bound
         * to routing keys at run time by {@link InstanceRoutes}. Failures are not retried
         * through delay tiers: what such a message asks for is time-bound, so a failure is
         * dead-lettered (or handed back to the broker when the database is away).
         */
        public Builder perInstance() {
            this.perInstance = true;
            return this;
        }

        /**
         * A per-instance message nobody took within {@code after} (its instance crashed, shut
         * down or is stuck) moves to the shared queue of the consumer {@code consumerName},
         * which every instance of the service consumes: the message gets an answer there
         * instead of expiring with the instance's queue. The service defines that consumer
         * (from the same exchange, not per instance).
         */
        public Builder undeliveredTo(String consumerName, Duration after) {
            if (after == null || after.isNegative() || after.isZero()
                    || after.compareTo(TopologyFactory.INSTANCE_QUEUE_EXPIRY.dividedBy(2)) > 0) {
                throw new IllegalArgumentException(name + ": undelivered messages must move within half the "
                        + "instance queue's expiry (" + TopologyFactory.INSTANCE_QUEUE_EXPIRY + "), not " + after);
            }
            this.undeliveredConsumer = Objects.requireNonNull(consumerName, "consumerName");
            this.undeliveredAfter = after;
            return this;
        }

        public ConsumerDefinition build() {
            return new ConsumerDefinition(this);
        }
    }
}
