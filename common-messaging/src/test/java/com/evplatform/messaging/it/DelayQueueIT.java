package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.evplatform.messaging.OutgoingMessage;

/** Fault test 6: a delayed message arrives no sooner than its delay, and not much later. */
class DelayQueueIT extends MessagingIntegrationTest {

    private static final Duration DELAY = Duration.ofSeconds(2);
    /**
     * Quorum queues dead-letter expired messages at-least-once through a worker that settles
     * in batches: measured here at 1.9 s on top of the TTL (see docs/benchmarks.md).
     */
    private static final Duration TOLERANCE = Duration.ofSeconds(3);

    @Test
    void a_message_sent_with_a_delay_is_delivered_after_it_within_the_tolerance() {
        String runId = MessagingTestApplication.newRunId();
        for (int i = 0; i < 5; i++) {
            publishOne(OutgoingMessage.to(MessagingTestApplication.EVENTS.name()).type(MessagingTestApplication.DELAYED)
                    .aggregate(runId + ":d" + i).delay(DELAY).payload(new TestEvent(runId, "d" + i, null)));
        }

        await().atMost(PATIENCE).until(() -> effects.count("it.counting", runId) == 5);
        var latencies = jdbc.queryForList("SELECT TIMESTAMPDIFF(MICROSECOND, occurred_at, applied_at) FROM test_effect "
                + "WHERE run_id = ?", Long.class, runId);
        assertThat(latencies).hasSize(5).allSatisfy(micros -> assertThat(Duration.ofNanos(micros * 1000))
                .isGreaterThanOrEqualTo(DELAY).isLessThanOrEqualTo(DELAY.plus(TOLERANCE)));
    }
}
