package com.evplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExchangeDefinitionTest {

    private final ExchangeDefinition events = ExchangeDefinition.topic("device.events", 4, Duration.ofSeconds(60));

    @Test
    void a_key_always_lands_in_the_same_partition() {
        assertThat(events.partitionOf("cp:CP-0001")).isEqualTo(events.partitionOf("cp:CP-0001"));
        assertThat(events.routingKey("device.meter-values", "cp:CP-0001"))
                .isEqualTo(events.partitionOf("cp:CP-0001") + ".device.meter-values");
    }

    @Test
    void sequential_keys_spread_over_all_partitions() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(events.partitionOf("cp:CP-" + i), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(0, 1, 2, 3);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(180, 320));
    }

    @Test
    void only_declared_delays_can_be_used() {
        assertThat(events.delayExchange(Duration.ofSeconds(60))).isEqualTo("device.events.delay.60000");
        assertThatThrownBy(() -> events.delayExchange(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declares no delay");
    }

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
