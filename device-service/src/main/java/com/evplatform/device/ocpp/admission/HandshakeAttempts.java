package com.evplatform.device.ocpp.admission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Handshake attempts per charger id and per client address, counted in Redis in fixed windows
 * that start with the first attempt, shared by every device-service instance. Each count is one
 * Lua script (INCR, and the window's expiry when the key has none), so concurrent attempts each
 * get their own number. Every attempt of an id counts (a charger reconnecting in a loop is slowed
 * down even with the right key); an address gets its attempt back when the handshake succeeds,
 * so a site with many chargers behind one address is limited by its failures only.
 *
 * <p>Hand-written, like auth-service's login throttle, rather than a token bucket (Bucket4j):
 * it counts failures per address, which a bucket does not model, and needs nothing beyond Redis.
 * When Redis cannot be reached the attempt is let through (and counted as unchecked): the
 * concurrent-handshake bound still holds, and chargers are not locked out by a Redis outage.
 */
@Component
public class HandshakeAttempts {

    private static final Logger log = LoggerFactory.getLogger(HandshakeAttempts.class);

    /** The attempt's number in its window, and the window's milliseconds left. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local attempt = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
            return {attempt, left}
            """, List.class);

    private static final RedisScript<Long> GIVE_BACK = RedisScript.of("""
            if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AdmissionProperties properties;
    private final MeterRegistry meters;

    HandshakeAttempts(StringRedisTemplate redis, AdmissionProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.meters = meters;
    }

    /** Counts one attempt; the wait before the next may succeed when this one is over a limit. */
    public Optional<Duration> attempt(String chargePointId, String address) {
        try {
            Optional<Duration> byCharger = count("ocpp:attempts:cp:" + chargePointId, properties.attemptsPerCharger());
            Optional<Duration> byAddress = count(addressKey(address), properties.attemptsPerAddress());
            return Stream.concat(byCharger.stream(), byAddress.stream()).max(Duration::compareTo);
        } catch (RuntimeException e) {
            meters.counter("ocpp.handshakes.attempts.unchecked").increment();
            log.warn("handshake attempts of {} from {} not counted: {}", chargePointId, address, e.toString());
            return Optional.empty();
        }
    }

    /** A successful handshake gives its address's attempt back. */
    public void succeeded(String address) {
        if (properties.attemptsPerAddress() <= 0) {
            return;
        }
        try {
            redis.execute(GIVE_BACK, List.of(addressKey(address)));
        } catch (RuntimeException e) {
            log.warn("handshake attempt from {} not given back: {}", address, e.toString());
        }
    }

    private Optional<Duration> count(String key, int limit) {
        if (limit <= 0) {
            return Optional.empty();
        }
        List<?> counted = redis.execute(COUNT, List.of(key), String.valueOf(properties.attemptWindow().toMillis()));
        if (((Number) counted.get(0)).longValue() <= limit) {
            return Optional.empty();
        }
        long leftMillis = ((Number) counted.get(1)).longValue();
        return Optional.of(Duration.ofSeconds(Math.max(1, (leftMillis + 999) / 1000)));
    }

    private static String addressKey(String address) {
        return "ocpp:attempts:addr:" + address;
    }
}
