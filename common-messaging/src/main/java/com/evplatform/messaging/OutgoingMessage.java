package com.evplatform.messaging;

import java.time.Duration;
import java.util.Objects;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/**
 * A domain message a service wants published, handed to {@link Outbox#publish} inside the
 * transaction that made the change it reports.
 *
 * @param exchange where it goes; one of the exchanges the service declared
 * @param type message type, e.g. {@code device.transaction-started}
 * @param aggregateId the entity it is about; versions are counted per aggregate
 * @param partitionKey what keeps messages in order (charger id, session id); defaults to the aggregate
 * @param routingKey explicit routing key for direct exchanges ({@code cp.<chargerId>}); null for topics
 * @param delay deliver only after this long (must be a delay the exchange declared); null for now
 */
public record OutgoingMessage(
        String exchange,
        String type,
        int schemaVersion,
        String aggregateId,
        String partitionKey,
        String routingKey,
        Duration delay,
        Object payload) {

    public OutgoingMessage {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion starts at 1");
        }
        if (partitionKey == null) {
            partitionKey = aggregateId;
        }
    }

    public static Builder to(String exchange) {
        return new Builder(exchange);
    }

    public static Builder to(ExchangeDefinition exchange) {
        return new Builder(exchange.name());
    }

    public static final class Builder {
        private final String exchange;
        private String type;
        private int schemaVersion = 1;
        private String aggregateId;
        private String partitionKey;
        private String routingKey;
        private Duration delay;

        private Builder(String exchange) {
            this.exchange = exchange;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder schemaVersion(int schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public Builder aggregate(String aggregateId) {
            this.aggregateId = aggregateId;
            return this;
        }

        public Builder partitionBy(String partitionKey) {
            this.partitionKey = partitionKey;
            return this;
        }

        public Builder routingKey(String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** The message of a contract's kind: its type string and schema version come with it. */
        public <T> OutgoingMessage message(MessageType<T> kind, T payload) {
            this.type = kind.name();
            this.schemaVersion = kind.schemaVersion();
            return payload(payload);
        }

        /**
         * A member of a sealed message family whose kind the family's contract looked up
         * ({@code DeviceEvents.kindOf(event)}); refuses a payload of another kind.
         */
        public OutgoingMessage messageOf(MessageType<?> kind, Object payload) {
            if (!kind.payloadType().isInstance(payload)) {
                throw new IllegalArgumentException(payload.getClass().getName() + " is not a " + kind);
            }
            this.type = kind.name();
            this.schemaVersion = kind.schemaVersion();
            return payload(payload);
        }

        public OutgoingMessage payload(Object payload) {
            return new OutgoingMessage(exchange, type, schemaVersion, aggregateId, partitionKey, routingKey, delay,
                    payload);
        }
    }
}
