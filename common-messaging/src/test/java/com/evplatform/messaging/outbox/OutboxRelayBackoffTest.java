package com.evplatform.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.evplatform.messaging.config.MessagingProperties;

class OutboxRelayBackoffTest {

    private final OutboxRelay relay = new OutboxRelay(null, null, null, new MessagingProperties.Relay(true, 500,
            Duration.ofMillis(500), Duration.ofSeconds(10), 10, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMinutes(5)), null, null);

    @Test
    void the_wait_doubles_after_each_failed_attempt_up_to_the_maximum() {
        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(relay.backoff(9)).isEqualTo(Duration.ofMinutes(4).plusSeconds(16));
        assertThat(relay.backoff(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(relay.backoff(60)).isEqualTo(Duration.ofMinutes(5));
    }
}
