package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.registry.application.ChargerKeys;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.RawCharger;

/**
 * Chargers' keys at the handshake: stored as HMAC-SHA256 when registered; a charger registered
 * before, with a bcrypt hash (written here as the previous version wrote it, without the scheme
 * column), still connects and is then stored as HMAC; wrong keys are refused either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PlatformInfrastructure(schema = "device")
class ChargerKeysIT extends DeviceApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ChargerKeys keys;

    ApiClient api;
    String stationId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        stationId = OcppTestSupport.station(api, TOKENS, jdbc);
    }

    @Test
    void a_registered_key_is_stored_as_hmac_and_opens_the_connection() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);

        Map<String, Object> stored = stored(chargePointId);
        assertThat(stored.get("key_scheme")).isEqualTo("HMAC_SHA256");
        assertThat((String) stored.get("password_hash")).isEqualTo(keys.hash(chargePointId, OcppTestSupport.PASSWORD))
                .doesNotContain(OcppTestSupport.PASSWORD);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
        assertThat(RawCharger.refusal(() -> RawCharger.connect(port, chargePointId, "not-the-key-0123456789"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void a_charger_stored_with_bcrypt_is_refused_a_wrong_key_and_stored_as_hmac_after_its_first_right_one() {
        String chargePointId = "CP-OLD-" + UUID.randomUUID().toString().substring(0, 8);
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(OcppTestSupport.PASSWORD);
        jdbc.update("INSERT INTO chargers (charge_point_id, station_id, password_hash, registered_at, version) "
                + "VALUES (?, ?, ?, NOW(6), 0)", chargePointId, stationId, bcrypt);

        assertThat(RawCharger.refusal(() -> RawCharger.connect(port, chargePointId, "not-the-key-0123456789"))
                .statusCode()).isEqualTo(401);
        assertThat(stored(chargePointId)).containsEntry("key_scheme", "BCRYPT").containsEntry("password_hash", bcrypt);

        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
        assertThat(stored(chargePointId)).containsEntry("key_scheme", "HMAC_SHA256")
                .containsEntry("password_hash", keys.hash(chargePointId, OcppTestSupport.PASSWORD));

        try (var again = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(again.subprotocol()).isEqualTo("ocpp1.6");
        }
        assertThat(RawCharger.refusal(() -> RawCharger.connect(port, chargePointId, "not-the-key-0123456789"))
                .statusCode()).isEqualTo(401);
    }

    private Map<String, Object> stored(String chargePointId) {
        return jdbc.queryForMap("SELECT key_scheme, password_hash FROM chargers WHERE charge_point_id = ?",
                chargePointId);
    }
}
