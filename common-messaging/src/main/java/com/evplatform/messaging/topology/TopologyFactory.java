package com.evplatform.messaging.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.contract.ExchangeDefinition;

/**
 * Topology as code: the exchanges a service publishes to and the queues it consumes, declared
 * at start-up (idempotently) by Spring AMQP's admin. Queues are durable quorum queues with a
 * delivery limit and dead-lettering to their own {@code .dlq}; dead-lettering is
 * at-least-once, so nothing is dropped between a queue and its DLQ or retry target. All of it
 * works on RabbitMQ 3.10 and 4.x without plugins.
 */
public final class TopologyFactory {

    /**
     * How long a per-instance queue outlives its instance's last consumer: well beyond the
     * time after which its messages move to their undelivered queue, so that nothing routed
     * there in the meantime expires with the queue unanswered.
     */
    public static final Duration INSTANCE_QUEUE_EXPIRY = Duration.ofMinutes(2);

    private TopologyFactory() {
    }

    public static Declarables declarables(Collection<ExchangeDefinition> exchanges,
            Collection<ConsumerDefinition> consumers, List<Duration> retryDelays, int deliveryLimit) {
        List<Declarable> all = new ArrayList<>();
        for (ExchangeDefinition exchange : exchanges) {
            all.add(exchange(exchange));
            if (exchange.keepUnrouted()) {
                var unrouted = new FanoutExchange(exchange.unroutedName(), true, false);
                // Bounded: the oldest are dropped past the limit, and none lives longer than a week.
                Queue parked = QueueBuilder.durable(exchange.unroutedName()).maxLength(100_000)
                        .ttl((int) Duration.ofDays(7).toMillis()).build();
                all.add(unrouted);
                all.add(parked);
                all.add(BindingBuilder.bind(parked).to(unrouted));
            }
            for (Duration delay : exchange.delays()) {
                String name = exchange.delayExchange(delay);
                var delayExchange = new FanoutExchange(name, true, false);
                Queue delayQueue = quorum(name).ttl((int) delay.toMillis()).deadLetterExchange(exchange.name()).build();
                all.add(delayExchange);
                all.add(delayQueue);
                all.add(BindingBuilder.bind(delayQueue).to(delayExchange));
            }
        }
        for (ConsumerDefinition consumer : consumers) {
            if (consumer.perInstance()) {
                // Durable so its run-time bindings survive a broker restart; expiring so the
                // queue and its bindings of a stopped instance go away, and messages for what it
                // held are returned to their producers again.
                var instanceQueue = QueueBuilder.durable(consumer.queueNames().getFirst())
                        .expires((int) INSTANCE_QUEUE_EXPIRY.toMillis());
                if (consumer.undeliveredConsumer() != null) {
                    // What no consumer took in time moves to the shared queue every instance reads.
                    instanceQueue.ttl((int) consumer.undeliveredAfter().toMillis()).deadLetterExchange("")
                            .deadLetterRoutingKey(consumer.undeliveredConsumer());
                }
                all.add(instanceQueue.build());
                continue;
            }
            ExchangeDefinition source = consumer.source();
            List<String> queues = consumer.queueNames();
            for (int partition = 0; partition < queues.size(); partition++) {
                String queue = queues.get(partition);
                var builder = quorum(queue).deliveryLimit(deliveryLimit).deadLetterExchange("")
                        .deadLetterRoutingKey(QueueNames.deadLetter(queue));
                if (source.partitions() > 1) {
                    builder.singleActiveConsumer();
                }
                if (consumer.maxLength() != null) {
                    builder.maxLength(consumer.maxLength());
                }
                Queue main = builder.build();
                all.add(main);
                // Classic, not quorum: a quorum queue has a delivery limit (20 by default on
                // RabbitMQ 4), and a dead letter must never be dropped because archiving it
                // failed a few times.
                all.add(QueueBuilder.durable(QueueNames.deadLetter(queue)).build());
                for (int tier = 0; tier < retryDelays.size(); tier++) {
                    all.add(quorum(QueueNames.retry(queue, tier)).ttl((int) retryDelays.get(tier).toMillis())
                            .deadLetterExchange("").deadLetterRoutingKey(queue).build());
                }
                if (source.kind() == ExchangeDefinition.Kind.TOPIC) {
                    all.addAll(bindings(main, source, partition, consumer));
                }
            }
        }
        return new Declarables(all);
    }

    private static QueueBuilder quorum(String name) {
        // reject-publish is what at-least-once dead-lettering requires; for a consumer queue it
        // also means a full queue pushes back on producers (the outbox retries) rather than
        // silently dropping the oldest message.
        return QueueBuilder.durable(name).quorum().overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once");
    }

    private static List<Binding> bindings(Queue queue, ExchangeDefinition source, int partition,
            ConsumerDefinition consumer) {
        var exchange = new TopicExchange(source.name(), true, false);
        return consumer.handlers().keySet().stream()
                .map(type -> BindingBuilder.bind(queue).to(exchange).with(partition + "." + type))
                .toList();
    }

    private static Exchange exchange(ExchangeDefinition definition) {
        Map<String, Object> arguments = definition.keepUnrouted()
                ? Map.of("alternate-exchange", definition.unroutedName()) : Map.of();
        return switch (definition.kind()) {
            case TOPIC -> new TopicExchange(definition.name(), true, false, arguments);
            case DIRECT -> new DirectExchange(definition.name(), true, false, arguments);
        };
    }

    /** Routing keys of every partition for a type, e.g. for tests that bind by hand. */
    public static List<String> routingKeys(ExchangeDefinition exchange, String type) {
        return IntStream.range(0, exchange.partitions()).mapToObj(p -> p + "." + type).toList();
    }
}
