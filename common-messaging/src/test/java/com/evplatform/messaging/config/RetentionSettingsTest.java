package com.evplatform.messaging.config;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void refuses_an_inbox_that_forgets_before_failed_outbox_rows_can_no_longer_be_retried() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessagingProperties.Retention(Duration.ofDays(7),
                Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5), 5000))
                .withMessageContaining("failed-outbox");
    }

    @Test
    void accepts_an_inbox_that_outlasts_failed_outbox_rows() {
        assertThatNoException().isThrownBy(() -> new MessagingProperties.Retention(Duration.ofDays(30),
                Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5), 5000));
    }
}
