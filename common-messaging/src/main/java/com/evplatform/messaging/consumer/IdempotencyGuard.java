package com.evplatform.messaging.consumer;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The fast first line against duplicates: a Redis key per (consumer, message id), set with
 * NX to PROCESSING for a short TTL while a consumer works on it, then DONE for a long TTL
 * after its transaction committed. The inbox table stays the authority: when Redis is away
 * (the circuit breaker opens after a few failures, so each message does not wait for a
 * timeout), messages go on with the inbox alone.
 */
public class IdempotencyGuard {

    public enum Claim {
        /** This consumer may process it. */
        CLAIMED,
        /** Already processed: drop it. */
        DONE,
        /** Another consumer is on it right now: try again later. */
        BUSY,
        /** Redis cannot tell: process it and let the inbox decide. */
        UNAVAILABLE
    }

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuard.class);
    private static final String PROCESSING = "PROCESSING";
    private static final String DONE = "DONE";

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final Duration processingTtl;
    private final Duration doneTtl;

    public IdempotencyGuard(StringRedisTemplate redis, CircuitBreaker breaker, Duration processingTtl,
            Duration doneTtl) {
        this.redis = redis;
        this.breaker = breaker;
        this.processingTtl = processingTtl;
        this.doneTtl = doneTtl;
    }

    public Claim claim(String consumer, UUID messageId) {
        String key = key(consumer, messageId);
        return guarded(() -> {
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, PROCESSING, processingTtl))) {
                return Claim.CLAIMED;
            }
            String state = redis.opsForValue().get(key);
            if (DONE.equals(state)) {
                return Claim.DONE;
            }
            if (state == null) {
                // The claim expired between the two calls: try once more.
                return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, PROCESSING, processingTtl))
                        ? Claim.CLAIMED : Claim.BUSY;
            }
            return Claim.BUSY;
        }, Claim.UNAVAILABLE);
    }

    public void markDone(String consumer, UUID messageId) {
        guarded(() -> {
            redis.opsForValue().set(key(consumer, messageId), DONE, doneTtl);
            return null;
        }, null);
    }

    /** How long another consumer's claim still holds (zero when unknown or gone). */
    public Duration claimRemaining(String consumer, UUID messageId) {
        Long millis = guarded(() -> redis.getExpire(key(consumer, messageId), java.util.concurrent.TimeUnit.MILLISECONDS),
                null);
        return millis == null || millis < 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }

    /** Gives the claim up after a failure, so the retry can claim it again. */
    public void release(String consumer, UUID messageId) {
        guarded(() -> redis.delete(key(consumer, messageId)), null);
    }

    static String key(String consumer, UUID messageId) {
        return "msg:" + consumer + ":" + messageId;
    }

    private <T> T guarded(Supplier<T> call, T whenUnavailable) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            return whenUnavailable;
        } catch (RuntimeException e) {
            log.warn("Redis idempotency store unavailable, relying on the inbox: {}", e.toString());
            return whenUnavailable;
        }
    }
}
