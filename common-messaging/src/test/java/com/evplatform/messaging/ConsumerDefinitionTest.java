package com.evplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

class ConsumerDefinitionTest {

    private final ExchangeDefinition events = ExchangeDefinition.topic("device.events", 4, Duration.ofSeconds(60));
    private final MessageType<String> started = MessageType.of("device.transaction-started", String.class);
    private final MessageType<Integer> stopped = MessageType.of("device.transaction-stopped", Integer.class);

    @Test
    void a_consumer_of_a_partitioned_exchange_gets_one_queue_and_one_thread_per_partition() {
        var consumer = ConsumerDefinition.named("charging.device-events").from(events)
                .on("device.meter-values", Object.class, message -> { })
                .concurrency(8)
                .build();

        assertThat(consumer.queueNames()).containsExactly("charging.device-events.p0", "charging.device-events.p1",
                "charging.device-events.p2", "charging.device-events.p3");
        assertThat(consumer.concurrency()).isEqualTo(1);
    }

    @Test
    void a_consumer_must_handle_something_and_each_type_once() {
        assertThatThrownBy(() -> ConsumerDefinition.named("empty").from(events).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsumerDefinition.named("twice").from(events)
                .on("a", Object.class, m -> { }).on("a", Object.class, m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already handles a");
    }

    @Test
    void a_batched_consumer_binds_its_accepted_kinds_and_hands_a_lone_message_over_as_a_list_of_one() {
        List<List<InboundMessage<?>>> batches = new ArrayList<>();
        var consumer = ConsumerDefinition.named("reconciliation.device-events").from(events)
                .accepting(started).accepting(stopped)
                .inBatches(500, Duration.ofMillis(200), batches::add)
                .build();

        assertThat(consumer.batched()).isTrue();
        assertThat(consumer.batchSize()).isEqualTo(500);
        assertThat(consumer.batchWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(consumer.handlers()).containsOnlyKeys(started.name(), stopped.name());
        assertThat(consumer.handlers().get(stopped.name()).payloadType()).isEqualTo(Integer.class);

        var message = new InboundMessage<>(envelope(started.name()), "s-1", VersionCheck.NOT_CHECKED, 0);
        handle(consumer.handlers().get(started.name()), message);
        assertThat(batches).containsExactly(List.of(message));
    }

    @Test
    void a_batched_consumer_prefetches_at_least_a_batch() {
        assertThat(batched(500).prefetch(50).build().prefetch()).isEqualTo(500);
        assertThat(batched(100).prefetch(800).build().prefetch()).isEqualTo(800);
        var oneAtATime = ConsumerDefinition.named("single").from(events).on(started, m -> { }).build();
        assertThat(oneAtATime.batched()).isFalse();
        assertThat(oneAtATime.prefetch()).isEqualTo(50);
        assertThat(oneAtATime.batchSize()).isEqualTo(1);
    }

    @Test
    void accepted_kinds_need_a_batch_handler_and_a_batch_handler_needs_accepted_kinds() {
        assertThatThrownBy(() -> ConsumerDefinition.named("accepting-only").from(events).accepting(started).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inBatches(...) handler");
        assertThatThrownBy(() -> ConsumerDefinition.named("batches-only").from(events)
                .inBatches(10, Duration.ofMillis(50), m -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepts no message kind");
        assertThatThrownBy(() -> ConsumerDefinition.named("twice").from(events).accepting(started).accepting(started))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already accepts");
    }

    @Test
    void one_at_a_time_handlers_and_batches_do_not_mix() {
        assertThatThrownBy(() -> batched(10).on(stopped, m -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not mix");
        assertThatThrownBy(() -> ConsumerDefinition.named("mixed").from(events).on(stopped, m -> { })
                .accepting(started).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not mix");
    }

    @Test
    void a_batched_consumer_is_neither_ordered_nor_per_instance() {
        assertThatThrownBy(() -> batched(10).ordered(ConsumerDefinition.GapPolicy.REPORT).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be ordered");
        var commands = ExchangeDefinition.direct("device.commands");
        assertThatThrownBy(() -> ConsumerDefinition.named("per-instance").from(commands).accepting(started)
                .inBatches(10, Duration.ofMillis(50), m -> { }).perInstance().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be per-instance");
    }

    @Test
    void a_batch_has_a_bounded_size_and_a_positive_wait() {
        var builder = ConsumerDefinition.named("bounds").from(events).accepting(started);
        assertThatThrownBy(() -> builder.inBatches(0, Duration.ofMillis(50), m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> builder.inBatches(10_001, Duration.ofMillis(50), m -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.inBatches(10, Duration.ZERO, m -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    private ConsumerDefinition.Builder batched(int size) {
        return ConsumerDefinition.named("batched").from(events).accepting(started)
                .inBatches(size, Duration.ofMillis(100), m -> { });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void handle(ConsumerDefinition.HandlerBinding<?> binding, InboundMessage<?> message) {
        ((MessageHandler) binding.handler()).handle(message);
    }

    private static Envelope envelope(String type) {
        return new Envelope(UUID.randomUUID(), type, 1, java.time.Instant.now(), "test", "a:1", 1, null,
                tools.jackson.databind.node.JsonNodeFactory.instance.textNode("x"));
    }
}
