package com.evplatform.messaging;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

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
 */
public final class ConsumerDefinition {

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

    private ConsumerDefinition(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.source = Objects.requireNonNull(builder.source, "source exchange");
        this.handlers = Map.copyOf(builder.handlers);
        this.ordered = builder.ordered;
        this.gapPolicy = builder.gapPolicy;
        this.prefetch = builder.prefetch;
        this.concurrency = builder.concurrency;
        this.maxLength = builder.maxLength;
        this.perInstance = builder.perInstance;
        if (perInstance && (source.kind() != ExchangeDefinition.Kind.DIRECT || ordered)) {
            throw new IllegalArgumentException(name + ": a per-instance consumer reads a direct exchange, unordered");
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(name + " handles no message type");
        }
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

        public ConsumerDefinition build() {
            return new ConsumerDefinition(this);
        }
    }
}
