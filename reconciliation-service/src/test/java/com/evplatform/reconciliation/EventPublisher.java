package com.evplatform.reconciliation;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.testsupport.Infrastructure;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plays device-service and order-service for a reconciliation-service running as a process of
 * its own: their events, each in the messaging library's envelope, published the way their
 * outbox relays publish them (the envelope is the body, persistent, partitioned by aggregate,
 * with publisher confirms). A {@link Message} keeps its id, so publishing it again is the
 * redelivery a relay makes when a confirm was lost.
 */
final class EventPublisher implements AutoCloseable {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec(JsonMapper.builder().build());

    /** One event as it travels: its envelope's bytes, and where they go. */
    record Message(String messageId, String type, String exchange, String routingKey, byte[] body) {

        static Message of(Object event) {
            return switch (event) {
                case DeviceEvent e -> of(DeviceEvents.EXCHANGE, DeviceEvents.kindOf(e), "device-service",
                        DeviceEvents.aggregateOf(e.chargePointId()), e);
                case OrderEvent e -> of(OrderEvents.EXCHANGE, OrderEvents.kindOf(e), "order-service",
                        e.aggregateId(), e);
                default -> throw new IllegalArgumentException("neither a device nor an order event: " + event);
            };
        }

        private static Message of(ExchangeDefinition exchange, MessageType<?> kind, String producer, String aggregate,
                Object event) {
            var envelope = new Envelope(MessageIds.next(), kind.name(), kind.schemaVersion(), Instant.now(), producer,
                    aggregate, 1, TraceContext.currentOrNew(), CODEC.toTree(event));
            return new Message(envelope.messageId().toString(), kind.name(), exchange.name(),
                    exchange.routingKey(kind.name(), aggregate), CODEC.encode(envelope));
        }
    }

    private final String virtualHost;
    private final Connection connection;

    private EventPublisher(String virtualHost, Connection connection) {
        this.virtualHost = virtualHost;
        this.connection = connection;
    }

    /**
     * A RabbitMQ virtual host of its own (named {@code prefix} and a random suffix), deleted on
     * {@link #close()}, and a connection to it.
     */
    static EventPublisher onOwnVirtualHost(String prefix) throws IOException, TimeoutException {
        Infrastructure infrastructure = Infrastructure.get();
        String virtualHost = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        infrastructure.rabbitctl("add_vhost", virtualHost);
        infrastructure.rabbitctl("set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");
        var factory = new ConnectionFactory();
        factory.setHost(infrastructure.rabbit().host());
        factory.setPort(infrastructure.rabbit().port());
        factory.setVirtualHost(virtualHost);
        return new EventPublisher(virtualHost, factory.newConnection(prefix + "-it"));
    }

    String virtualHost() {
        return virtualHost;
    }

    static List<Message> encode(List<?> events) {
        return events.stream().map(Message::of).toList();
    }

    /** Publishes in this order on one channel and returns once the broker confirmed every message. */
    void publish(List<Message> messages) throws IOException, TimeoutException, InterruptedException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (Message message : messages) {
                var properties = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                        .messageId(message.messageId()).type(message.type()).build();
                channel.basicPublish(message.exchange(), message.routingKey(), properties, message.body());
            }
            channel.waitForConfirmsOrDie(60_000);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } finally {
            Infrastructure.get().rabbitctl("delete_vhost", virtualHost);
        }
    }
}
