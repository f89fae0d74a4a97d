package com.evplatform.auth.account.infrastructure;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.evplatform.auth.account.application.LoginThrottle;

/**
 * The {@link LoginThrottle} on Redis: failed logins per username and per client address are
 * counted in fixed windows that start with the first failure.
 *
 * <p>Hand-written on INCR/EXPIRE rather than a rate-limiting library: it counts failures,
 * not requests, which token-bucket libraries (Bucket4j, the gateway's limiter) do not model.
 */
public class RedisLoginThrottle implements LoginThrottle {

    private final StringRedisTemplate redis;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;

    public RedisLoginThrottle(StringRedisTemplate redis, int maxPerUser, int maxPerAddress, Duration window) {
        this.redis = redis;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    @Override
    public Optional<Duration> blockedFor(String username, String address) {
        return blocked(userKey(username), maxPerUser).or(() -> blocked(addressKey(address), maxPerAddress));
    }

    @Override
    public void failed(String username, String address) {
        count(userKey(username));
        count(addressKey(address));
    }

    @Override
    public void succeeded(String username) {
        redis.delete(userKey(username));
    }

    private Optional<Duration> blocked(String key, int max) {
        String count = redis.opsForValue().get(key);
        if (count == null || Long.parseLong(count) < max) {
            return Optional.empty();
        }
        Long ttl = redis.getExpire(key);
        return Optional.of(Duration.ofSeconds(ttl == null || ttl < 1 ? 1 : ttl));
    }

    private void count(String key) {
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
    }

    private static String userKey(String username) {
        return "login:fail:user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "login:fail:addr:" + address;
    }
}
