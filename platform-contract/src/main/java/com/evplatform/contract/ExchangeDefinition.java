package com.evplatform.contract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A durable exchange the platform publishes to, as producers and consumers both see it.
 *
 * @param name e.g. {@code device.events}
 * @param kind TOPIC for events (routing key {@code <partition>.<type>}), DIRECT for commands
 * @param partitions how many ordered partitions consumers split it into; 1 for none
 * @param delays fixed delays producers may ask for ({@code <name>.delay.<millis>} queues)
 * @param keepUnrouted events nobody subscribes to yet are legitimate on this exchange: they go
 *        to {@code <name>.unrouted} (an alternate exchange and a bounded queue) and count as
 *        routed, instead of being returned and retried by the outbox
 */
public record ExchangeDefinition(String name, Kind kind, int partitions, List<Duration> delays,
        boolean keepUnrouted) {

    public enum Kind { TOPIC, DIRECT }

    public ExchangeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        delays = List.copyOf(delays);
    }

    public static ExchangeDefinition topic(String name, int partitions, Duration... delays) {
        return new ExchangeDefinition(name, Kind.TOPIC, partitions, List.of(delays), false);
    }

    public static ExchangeDefinition direct(String name) {
        return new ExchangeDefinition(name, Kind.DIRECT, 1, List.of(), false);
    }

    /** The same exchange, keeping what no queue takes in {@code <name>.unrouted}. */
    public ExchangeDefinition keepingUnrouted() {
        return new ExchangeDefinition(name, kind, partitions, delays, true);
    }

    /**
     * The same exchange with fixed delays its owner may ask for. Only the publishing service
     * declares delays (they are its own delay queues); consumers declare the plain exchange.
     */
    public ExchangeDefinition withDelays(Duration... more) {
        return new ExchangeDefinition(name, kind, partitions, List.of(more), keepUnrouted);
    }

    public String unroutedName() {
        return name + ".unrouted";
    }

    /** Partition of a key: the same in every JVM and easy to compute in any language (FNV-1a mod n). */
    public int partitionOf(String partitionKey) {
        return Math.floorMod(stableHash(partitionKey), partitions);
    }

    /** Routing key of a message of this type for this partition key on a topic exchange. */
    public String routingKey(String type, String partitionKey) {
        return partitionOf(partitionKey) + "." + type;
    }

    public String delayExchange(Duration delay) {
        if (!delays.contains(delay)) {
            throw new IllegalArgumentException(name + " declares no delay of " + delay + " (has " + delays + ")");
        }
        return name + ".delay." + delay.toMillis();
    }

    /** FNV-1a over UTF-16 code units: String.hashCode is stable too, but this spreads sequential ids better. */
    static int stableHash(String key) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x01000193;
        }
        return hash;
    }
}
