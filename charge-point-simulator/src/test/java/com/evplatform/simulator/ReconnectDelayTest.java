package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReconnectDelayTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void aRetryAfterIsWaitedForWithUpToATenthMore() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            Duration delay = ConnectionLifecycle.reconnectDelay(0, MIN, MAX, Optional.of(Duration.ofSeconds(40)), random);
            assertThat(delay).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(44));
        }
    }

    @Test
    void aShortRetryAfterGetsUpToOneSecondOfJitter() {
        Random random = new Random(2);
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < 1000; i++) {
            long millis = ConnectionLifecycle.reconnectDelay(3, MIN, MAX, Optional.of(Duration.ofSeconds(5)), random)
                    .toMillis();
            shortest = Math.min(shortest, millis);
            longest = Math.max(longest, millis);
        }
        assertThat(shortest).isBetween(5_000L, 5_100L);
        assertThat(longest).isBetween(5_900L, 6_000L);
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsStillObeyed() {
        Duration delay = ConnectionLifecycle.reconnectDelay(0, MIN, MAX, Optional.of(Duration.ofMinutes(2)), new Random(3));

        assertThat(delay).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withoutRetryAfterTheBackoffDoublesUpToItsMaximum() {
        Random random = new Random(4);
        for (int i = 0; i < 1000; i++) {
            assertThat(ConnectionLifecycle.reconnectDelay(0, MIN, MAX, Optional.empty(), random))
                    .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
            assertThat(ConnectionLifecycle.reconnectDelay(2, MIN, MAX, Optional.empty(), random))
                    .isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
            assertThat(ConnectionLifecycle.reconnectDelay(10, MIN, MAX, Optional.empty(), random))
                    .isBetween(Duration.ofSeconds(24), MAX);
        }
    }
}
