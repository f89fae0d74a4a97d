package com.evplatform.auth.account.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import com.evplatform.auth.account.application.LoginThrottle;

/**
 * The {@link LoginThrottle} on Redis: attempts per username and per client address are
 * counted in fixed windows that start with the first attempt. Each count is one Lua script
 * (INCR, and the window's expiry on the first), so concurrent attempts each get their own
 * number and a counter never outlives its window.
 *
 * <p>Hand-written rather than a rate-limiting library: it counts failed attempts (a success
 * gives its attempt back), not requests, which token-bucket libraries (Bucket4j, the
 * gateway's limiter) do not model.
 */
public class RedisLoginThrottle implements LoginThrottle {

    /** The attempt's number in the window, and the milliseconds left of the window. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {count, left}
            """, List.class);

    private static final RedisScript<Long> GIVE_BACK = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('DECR', KEYS[1]) <= 0 then
              redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

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
    public Optional<Duration> attempt(String username, String address) {
        Optional<Duration> user = count(userKey(username), maxPerUser);
        Optional<Duration> fromAddress = count(addressKey(address), maxPerAddress);
        return Stream.concat(user.stream(), fromAddress.stream()).max(Duration::compareTo);
    }

    @Override
    public void succeeded(String username, String address) {
        redis.delete(userKey(username));
        redis.execute(GIVE_BACK, List.of(addressKey(address)));
    }

    /** @return the rest of the window when this attempt is past the limit */
    private Optional<Duration> count(String key, int max) {
        List<?> counted = redis.execute(COUNT, List.of(key), String.valueOf(window.toMillis()));
        long number = ((Number) counted.get(0)).longValue();
        if (number <= max) {
            return Optional.empty();
        }
        long leftMillis = ((Number) counted.get(1)).longValue();
        return Optional.of(Duration.ofSeconds(Math.max(1, (leftMillis + 999) / 1000)));
    }

    private static String userKey(String username) {
        return "login:fail:user:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "login:fail:addr:" + address;
    }
}
