package com.evplatform.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

class TopologyFactoryTest {

    private final ExchangeDefinition events = ExchangeDefinition.topic("device.events", 2, Duration.ofSeconds(60));
    private final ConsumerDefinition consumer = ConsumerDefinition.named("charging.device-events").from(events)
            .on("device.transaction-started", Object.class, m -> { })
            .on("device.meter-values", Object.class, m -> { })
            .build();

    private final org.springframework.amqp.core.Declarables declarables = TopologyFactory.declarables(List.of(events), List.of(consumer),
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(10)), 5);
    private final Map<String, Queue> queues = declarables.getDeclarablesByType(Queue.class).stream()
            .collect(Collectors.toMap(Queue::getName, Function.identity()));

    @Test
    void consumer_queues_are_quorum_with_a_delivery_limit_a_dlq_and_single_active_consumer() {
        Queue p0 = queues.get("charging.device-events.p0");

        assertThat(p0.isDurable()).isTrue();
        assertThat(p0.getArguments()).containsEntry("x-queue-type", "quorum")
                .containsEntry("x-delivery-limit", 5)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "charging.device-events.p0.dlq")
                .containsEntry("x-dead-letter-strategy", "at-least-once")
                .containsEntry("x-overflow", "reject-publish")
                .containsEntry("x-single-active-consumer", true);
        assertThat(queues).containsKeys("charging.device-events.p0.dlq", "charging.device-events.p1.dlq");
    }

    @Test
    void a_per_instance_queue_expires_and_hands_what_nobody_took_in_time_to_its_undelivered_queue() {
        var commands = ExchangeDefinition.direct("device.commands");
        var perInstance = ConsumerDefinition.named("device.commands").from(commands)
                .on("device.command", Object.class, m -> { }).perInstance()
                .undeliveredTo("device.commands.undelivered", Duration.ofSeconds(10)).build();
        var undelivered = ConsumerDefinition.named("device.commands.undelivered").from(commands)
                .on("device.command", Object.class, m -> { }).build();
        Map<String, Queue> declared = TopologyFactory.declarables(List.of(commands), List.of(perInstance, undelivered),
                List.of(), 5).getDeclarablesByType(Queue.class).stream()
                .collect(Collectors.toMap(Queue::getName, Function.identity()));

        Queue instance = declared.get(perInstance.queueNames().getFirst());
        assertThat(instance.getArguments()).containsEntry("x-expires", 120_000)
                .containsEntry("x-message-ttl", 10_000)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "device.commands.undelivered");
        assertThat(declared.get("device.commands.undelivered").getArguments())
                .containsEntry("x-queue-type", "quorum");
    }

    @Test
    void undelivered_messages_must_move_well_before_the_instance_queue_expires_and_only_from_one() {
        var commands = ExchangeDefinition.direct("device.commands");
        var builder = ConsumerDefinition.named("device.commands").from(commands)
                .on("device.command", Object.class, m -> { }).perInstance();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.undeliveredTo("device.commands.undelivered", Duration.ofMinutes(2)));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsumerDefinition.named("shared").from(commands)
                        .on("device.command", Object.class, m -> { })
                        .undeliveredTo("device.commands.undelivered", Duration.ofSeconds(10)).build());
    }

    @Test
    void retry_tiers_wait_their_delay_and_return_to_the_queue_they_came_from() {
        Queue tier1 = queues.get("charging.device-events.p1.retry.1");

        assertThat(tier1.getArguments()).containsEntry("x-message-ttl", 10_000)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "charging.device-events.p1");
    }

    @Test
    void each_partition_queue_is_bound_to_its_partition_of_each_handled_type() {
        List<String> p1Keys = declarables.getDeclarablesByType(Binding.class).stream()
                .filter(b -> b.getDestination().equals("charging.device-events.p1"))
                .map(Binding::getRoutingKey).toList();

        assertThat(p1Keys).containsExactlyInAnyOrder("1.device.transaction-started", "1.device.meter-values");
    }

    @Test
    void a_batched_consumer_is_declared_and_bound_like_one_that_handles_each_kind() {
        var batched = ConsumerDefinition.named("reconciliation.device-events").from(events)
                .accepting(MessageType.of("device.transaction-started", Object.class))
                .accepting(MessageType.of("device.transaction-stopped", Object.class))
                .inBatches(500, Duration.ofMillis(200), messages -> { })
                .build();
        var topology = TopologyFactory.declarables(List.of(events), List.of(batched), List.of(Duration.ofSeconds(1)),
                5);

        List<String> p0Keys = topology.getDeclarablesByType(Binding.class).stream()
                .filter(b -> b.getDestination().equals("reconciliation.device-events.p0"))
                .map(Binding::getRoutingKey).toList();
        assertThat(p0Keys).containsExactlyInAnyOrder("0.device.transaction-started", "0.device.transaction-stopped");
        assertThat(topology.getDeclarablesByType(Queue.class)).extracting(Queue::getName)
                .contains("reconciliation.device-events.p1", "reconciliation.device-events.p1.dlq",
                        "reconciliation.device-events.p1.retry.0");
    }

    @Test
    void an_exchange_that_keeps_unrouted_events_parks_them_in_a_bounded_queue() {
        var auth = ExchangeDefinition.topic("auth.events", 1).keepingUnrouted();
        var topology = TopologyFactory.declarables(List.of(auth), List.of(), List.of(), 5);

        var exchange = topology.getDeclarablesByType(org.springframework.amqp.core.TopicExchange.class).getFirst();
        assertThat(exchange.getArguments()).containsEntry("alternate-exchange", "auth.events.unrouted");
        Queue parked = topology.getDeclarablesByType(Queue.class).getFirst();
        assertThat(parked.getName()).isEqualTo("auth.events.unrouted");
        assertThat(parked.getArguments()).containsEntry("x-max-length", 100_000L);
    }

    @Test
    void a_delay_queue_holds_messages_for_its_delay_then_hands_them_to_the_exchange() {
        Queue delay = queues.get("device.events.delay.60000");

        assertThat(delay.getArguments()).containsEntry("x-message-ttl", 60_000)
                .containsEntry("x-dead-letter-exchange", "device.events")
                .doesNotContainKey("x-dead-letter-routing-key");
    }
}
