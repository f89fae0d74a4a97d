package com.evplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.ExchangeDefinition;

class ConsumerDefinitionTest {

    private final ExchangeDefinition events = ExchangeDefinition.topic("device.events", 4, Duration.ofSeconds(60));

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
}
