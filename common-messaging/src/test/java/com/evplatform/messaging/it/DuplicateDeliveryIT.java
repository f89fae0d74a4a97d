package com.evplatform.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.evplatform.messaging.Envelope;
import com.evplatform.testsupport.Infrastructure;

/** Fault test 4: the same message arrives more than once, with and without Redis. */
class DuplicateDeliveryIT extends MessagingIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Test
    void a_message_published_twice_and_redelivered_has_one_effect() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        double duplicatesBefore = metrics.count("messaging.duplicates", "consumer", "it.counting");

        Envelope envelope = publishOne(event(MessagingTestApplication.COUNTED, runId, "dup"));
        await().atMost(PATIENCE).until(() -> effects.count("it.counting", runId) == 1);
        sendRaw(envelope, routingKeyOf(envelope));
        sendRaw(envelope, routingKeyOf(envelope));

        await().atMost(PATIENCE).until(() ->
                metrics.count("messaging.duplicates", "consumer", "it.counting") - duplicatesBefore >= 2);
        assertThat(effects.count("it.counting", runId)).isEqualTo(1);
    }

    @Test
    void with_redis_stopped_the_inbox_alone_keeps_duplicates_to_one_effect() throws Exception {
        String runId = MessagingTestApplication.newRunId();
        double unavailableBefore = metrics.count("messaging.idempotency.redis-unavailable", "consumer", "it.counting");
        double duplicatesBefore = metrics.count("messaging.duplicates", "consumer", "it.counting");

        Infrastructure.get().stopRedis();
        try {
            Envelope envelope = publishOne(event(MessagingTestApplication.COUNTED, runId, "dup-no-redis"));
            sendRaw(envelope, routingKeyOf(envelope));
            sendRaw(envelope, routingKeyOf(envelope));

            await().atMost(PATIENCE).until(() ->
                    metrics.count("messaging.duplicates", "consumer", "it.counting") - duplicatesBefore >= 2);
            assertThat(effects.count("it.counting", runId)).isEqualTo(1);
            assertThat(metrics.count("messaging.idempotency.redis-unavailable", "consumer", "it.counting"))
                    .isGreaterThan(unavailableBefore);
        } finally {
            Infrastructure.get().startRedis();
        }
        // And once Redis is back (and the breaker has let calls through again), messages flow
        // with it: no more "unavailable" counts, and the DONE marker is in Redis.
        Thread.sleep(Duration.ofSeconds(6));
        double unavailableAfter = metrics.count("messaging.idempotency.redis-unavailable", "consumer", "it.counting");
        String after = MessagingTestApplication.newRunId();
        Envelope next = publishOne(event(MessagingTestApplication.COUNTED, after, "after-redis"));
        await().atMost(Duration.ofSeconds(60)).until(() -> effects.count("it.counting", after) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(redis.opsForValue()
                .get("msg:it.counting:" + next.messageId())));
        assertThat(metrics.count("messaging.idempotency.redis-unavailable", "consumer", "it.counting"))
                .isEqualTo(unavailableAfter);
    }
}
