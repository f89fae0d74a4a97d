package com.evplatform.contract;

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
    void the_owner_adds_delays_to_the_exchange_its_consumers_declare() {
        ExchangeDefinition plain = ExchangeDefinition.topic("charging.events", 4).keepingUnrouted();
        ExchangeDefinition owned = plain.withDelays(Duration.ofSeconds(60));

        assertThat(owned.delays()).containsExactly(Duration.ofSeconds(60));
        assertThat(owned.withDelays()).isEqualTo(plain);
        assertThat(owned.keepUnrouted()).isTrue();
    }
}
