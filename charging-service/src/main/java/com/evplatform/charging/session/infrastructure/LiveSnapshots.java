package com.evplatform.charging.session.infrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import com.evplatform.charging.session.application.SessionSnapshots;

/**
 * The latest view of each session in Redis, for fast reads and the SSE stream. Written
 * after the database commit, so it never shows what the database does not have; the
 * database stays the truth when Redis is away.
 *
 * <p>Each snapshot carries the row version it was made from, and a write never replaces a newer
 * one: two transactions' after-commit writes may reach Redis in either order. The same script
 * publishes what it stored on the session's channel, so every instance's streams of that session
 * hear of it without polling.
 */
@Component
public class LiveSnapshots implements SessionSnapshots {

    private static final Duration RETENTION = Duration.ofHours(24);
    /** Sets "version:json" unless the stored snapshot's version is higher, and publishes it when set. */
    private static final RedisScript<Long> PUT_IF_NEWER = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local separator = string.find(current, ':', 1, true)
              local stored = separator and tonumber(string.sub(current, 1, separator - 1))
              if stored and stored > tonumber(ARGV[1]) then return 0 end
            end
            local value = ARGV[1] .. ':' .. ARGV[2]
            redis.call('SET', KEYS[1], value, 'EX', ARGV[3])
            redis.call('PUBLISH', KEYS[2], value)
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer channels;

    LiveSnapshots(StringRedisTemplate redis, RedisMessageListenerContainer sessionChannels) {
        this.redis = redis;
        this.channels = sessionChannels;
    }

    @Override
    public void put(String sessionId, long version, String json) {
        redis.execute(PUT_IF_NEWER, List.of(key(sessionId), channel(sessionId)), Long.toString(version), json,
                Long.toString(RETENTION.toSeconds()));
    }

    @Override
    public Optional<Snapshot> get(String sessionId) {
        return parse(redis.opsForValue().get(key(sessionId)));
    }

    @Override
    public Subscription watch(String sessionId, Consumer<Snapshot> listener) {
        ChannelTopic topic = new ChannelTopic(channel(sessionId));
        MessageListener relay = (message, pattern) ->
                parse(new String(message.getBody(), StandardCharsets.UTF_8)).ifPresent(listener);
        channels.addMessageListener(relay, topic);
        return () -> channels.removeMessageListener(relay, topic);
    }

    private static Optional<Snapshot> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int separator = value.indexOf(':');
        try {
            return Optional.of(new Snapshot(Long.parseLong(value.substring(0, separator)),
                    value.substring(separator + 1)));
        } catch (RuntimeException e) {
            return Optional.empty(); // not a versioned snapshot (an older release wrote it): the row answers
        }
    }

    static String key(String sessionId) {
        return "charging:session:" + sessionId;
    }

    static String channel(String sessionId) {
        return "charging:session-updates:" + sessionId;
    }
}
