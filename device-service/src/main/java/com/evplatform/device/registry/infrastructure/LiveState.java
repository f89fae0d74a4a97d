package com.evplatform.device.registry.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.evplatform.device.registry.application.ChargerLiveState;

/**
 * The live state of chargers, kept in Redis by the OCPP endpoint: whether a charger's
 * WebSocket is connected (a key that expires unless heartbeats renew it) and each connector's
 * last OCPP status. The database keeps the history; this answers "can it start now" fast.
 */
@Component
public class LiveState implements ChargerLiveState {

    /** 1 renewed, 2 set again after a lapse, 0 held by another connection. */
    private static final RedisScript<Long> RENEW = RedisScript.of("""
            local holder = redis.call('get', KEYS[1])
            if holder == ARGV[1] then
              redis.call('pexpire', KEYS[1], ARGV[2])
              return 1
            end
            if not holder then
              redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 2
            end
            return 0""", Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local holder = redis.call('get', KEYS[1])
            if holder == ARGV[1] then
              return redis.call('del', KEYS[1])
            end
            if holder then
              return -1
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;

    LiveState(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public boolean online(String chargePointId) {
        return Boolean.TRUE.equals(redis.hasKey(onlineKey(chargePointId)));
    }

    @Override
    public Optional<String> connectorStatus(String chargePointId, int connectorId) {
        return Optional.ofNullable(redis.opsForValue().get(connectorKey(chargePointId, connectorId)));
    }

    @Override
    public void markOnline(String chargePointId, String holder, Duration ttl) {
        redis.opsForValue().set(onlineKey(chargePointId), holder, ttl);
    }

    @Override
    public boolean renewOnline(String chargePointId, String holder, Duration ttl) {
        Long renewed = redis.execute(RENEW, List.of(onlineKey(chargePointId)), holder, Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 2;
    }

    @Override
    public void restoreConnectorStatus(String chargePointId, int connectorId, String status) {
        redis.opsForValue().setIfAbsent(connectorKey(chargePointId, connectorId), status);
    }

    @Override
    public boolean markOffline(String chargePointId, String holder) {
        Long released = redis.execute(RELEASE, List.of(onlineKey(chargePointId)), holder);
        return released == null || released >= 0;
    }

    @Override
    public Optional<String> holder(String chargePointId) {
        return Optional.ofNullable(redis.opsForValue().get(onlineKey(chargePointId)));
    }

    @Override
    public void connectorStatus(String chargePointId, int connectorId, String status) {
        redis.opsForValue().set(connectorKey(chargePointId, connectorId), status);
    }

    public static String onlineKey(String chargePointId) {
        return "device:cp:" + chargePointId + ":online";
    }

    public static String connectorKey(String chargePointId, int connectorId) {
        return "device:cp:" + chargePointId + ":connector:" + connectorId;
    }
}
