package com.evplatform.charging.session.infrastructure;

import java.time.Duration;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest view of each session in Redis, for fast polling and the SSE stream. Written
 * after the database commit, so it never shows what the database does not have; the
 * database stays the truth when Redis is away.
 */
@Component
public class LiveSnapshots {

    private static final Duration RETENTION = Duration.ofHours(24);

    private final StringRedisTemplate redis;

    LiveSnapshots(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void put(String sessionId, String json) {
        redis.opsForValue().set(key(sessionId), json, RETENTION);
    }

    public Optional<String> get(String sessionId) {
        return Optional.ofNullable(redis.opsForValue().get(key(sessionId)));
    }

    private static String key(String sessionId) {
        return "charging:session:" + sessionId;
    }
}
