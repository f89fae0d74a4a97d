package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.RawCharger;

/**
 * With Redis unreachable (this context's own port points nowhere; the shared Redis is not
 * touched), chargers still connect and every call is answered: Redis holds only the live state,
 * which is restored when it is back. A StatusNotification answered with an error after its
 * commit would be retried by the charger and logged twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.data.redis.port=1", "spring.data.redis.connect-timeout=300ms",
                "spring.data.redis.timeout=300ms"})
@PlatformInfrastructure(schema = "device")
class ChargerCallsWithoutRedisIT extends DeviceApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void boot_heartbeat_and_status_are_answered_and_the_status_is_logged_once() {
        var api = new ApiClient(port);
        String chargePointId = OcppTestSupport.charger(api, TOKENS, OcppTestSupport.station(api, TOKENS, jdbc));
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange("[2,\"b1\",\"BootNotification\",{\"chargePointVendor\":\"Acme\","
                    + "\"chargePointModel\":\"AC22\"}]")).startsWith("[3,\"b1\"").contains("\"Accepted\"");
            assertThat(charger.exchange("[2,\"h1\",\"Heartbeat\",{}]")).startsWith("[3,\"h1\"");
            assertThat(charger.exchange("[2,\"s1\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\","
                    + "\"status\":\"Available\"}]")).startsWith("[3,\"s1\"");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM connector_status_log WHERE charge_point_id = ?",
                Integer.class, chargePointId)).isEqualTo(1);
    }
}
