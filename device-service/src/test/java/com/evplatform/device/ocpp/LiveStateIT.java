package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.registry.infrastructure.LiveState;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.RawCharger;

/**
 * A connected charger's live state (online, its connectors' statuses) comes back by itself when
 * Redis loses it (a restart without persistence, an eviction, an expiry while the charger was
 * silent): the instance holding the charger marks it online again and restores the statuses
 * from the history, without waiting for the charger to reconnect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.device.ocpp.live-state-reassert=500ms")
@PlatformInfrastructure(schema = "device")
class LiveStateIT extends DeviceApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void a_connected_chargers_lost_live_state_is_restored_without_a_reconnect() {
        var api = new ApiClient(port);
        String chargePointId = OcppTestSupport.charger(api, TOKENS, OcppTestSupport.station(api, TOKENS, jdbc));
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange("[2,\"s1\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\","
                    + "\"status\":\"Available\"}]")).startsWith("[3,\"s1\"");
            assertThat(charger.exchange("[2,\"s2\",\"StatusNotification\",{\"connectorId\":2,\"errorCode\":\"NoError\","
                    + "\"status\":\"Faulted\"}]")).startsWith("[3,\"s2\"");
            String holder = redis.opsForValue().get(LiveState.onlineKey(chargePointId));
            assertThat(holder).isNotNull();

            // Redis comes back empty: everything it knew of this charger is gone.
            redis.delete(java.util.List.of(LiveState.onlineKey(chargePointId),
                    LiveState.connectorKey(chargePointId, 1), LiveState.connectorKey(chargePointId, 2)));

            await().atMost(PATIENCE).until(() -> redis.hasKey(LiveState.onlineKey(chargePointId)));
            assertThat(redis.opsForValue().get(LiveState.onlineKey(chargePointId))).isEqualTo(holder);
            assertThat(redis.opsForValue().get(LiveState.connectorKey(chargePointId, 1))).isEqualTo("Available");
            assertThat(redis.opsForValue().get(LiveState.connectorKey(chargePointId, 2))).isEqualTo("Faulted");
        }
    }

    @Test
    void a_mark_held_by_the_chargers_newer_connection_elsewhere_is_left_alone() {
        var api = new ApiClient(port);
        String chargePointId = OcppTestSupport.charger(api, TOKENS, OcppTestSupport.station(api, TOKENS, jdbc));
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange("[2,\"h1\",\"Heartbeat\",{}]")).startsWith("[3,\"h1\"");
            // The charger reconnected to another instance, which holds it now.
            redis.opsForValue().set(LiveState.onlineKey(chargePointId), "another-instance/its-socket");

            assertThat(charger.exchange("[2,\"h2\",\"Heartbeat\",{}]")).startsWith("[3,\"h2\"");
            await().pollDelay(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> true);
            assertThat(redis.opsForValue().get(LiveState.onlineKey(chargePointId)))
                    .isEqualTo("another-instance/its-socket");
        } finally {
            redis.delete(LiveState.onlineKey(chargePointId));
        }
    }
}
