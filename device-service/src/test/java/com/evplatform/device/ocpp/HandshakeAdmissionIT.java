package com.evplatform.device.ocpp;

import static com.evplatform.testsupport.RawCharger.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.ocpp.admission.HandshakeAdmission;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.RawCharger;

/**
 * Admission at the handshake, on the real Redis: a full instance answers 503 with a jittered
 * Retry-After at once; a charger id or a client address that attempted too often gets 429 with
 * the window's rest as Retry-After; the address is the gateway's X-Forwarded-For only when the
 * peer is a trusted proxy. Small limits, so that they are reached in a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.device.ocpp.admission.max-concurrent-handshakes=1",
        "platform.device.ocpp.admission.queue-wait=0ms",
        "platform.device.ocpp.admission.retry-after=5s",
        "platform.device.ocpp.admission.retry-jitter=10s",
        "platform.device.ocpp.admission.attempts-per-charger=3",
        "platform.device.ocpp.admission.attempts-per-address=4",
        "platform.device.ocpp.admission.attempt-window=60s",
        "platform.device.ocpp.admission.trusted-proxies=127.0.0.1"})
@PlatformInfrastructure(schema = "device")
class HandshakeAdmissionIT extends DeviceApiTest {

    private static final String WRONG = "not-the-key-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HandshakeAdmission admission;

    ApiClient api;
    String stationId;
    /** This test's charger address, so that failures of other tests (from 127.0.0.1) are not counted with it. */
    String address;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        stationId = OcppTestSupport.station(api, TOKENS, jdbc);
        var random = ThreadLocalRandom.current();
        address = "10." + random.nextInt(0, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(1, 255);
    }

    @Test
    void a_full_instance_refuses_at_once_with_503_and_a_spread_of_retry_afters_and_admits_when_a_place_is_free() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        assertThat(admission.tryEnter()).as("the only place, taken by this test").isTrue();
        Set<Long> retryAfters = new HashSet<>();
        try {
            for (int i = 0; i < 8; i++) {
                HttpResponse<?> busy = refusal(() -> viaGateway(chargePointId, OcppTestSupport.PASSWORD, address));
                assertThat(busy.statusCode()).isEqualTo(503);
                retryAfters.add(Long.parseLong(busy.headers().firstValue("Retry-After").orElseThrow()));
            }
        } finally {
            admission.leave();
        }
        assertThat(retryAfters).allSatisfy(seconds -> assertThat(seconds).isBetween(5L, 15L));
        assertThat(retryAfters).as("jittered").hasSizeGreaterThan(1);

        try (var charger = viaGateway(chargePointId, OcppTestSupport.PASSWORD, address)) {
            assertThat(charger.subprotocol()).as("the 503s were not counted as attempts").isEqualTo("ocpp1.6");
        }
    }

    @Test
    void a_charger_id_attempting_too_often_gets_429_even_with_the_right_key_and_other_chargers_do_not() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        for (int i = 0; i < 3; i++) {
            try (var charger = viaGateway(chargePointId, OcppTestSupport.PASSWORD, address)) {
                assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
            }
        }

        HttpResponse<?> limited = refusal(() -> viaGateway(chargePointId, OcppTestSupport.PASSWORD, address));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);

        String other = OcppTestSupport.charger(api, TOKENS, stationId);
        try (var charger = viaGateway(other, OcppTestSupport.PASSWORD, address)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
    }

    @Test
    void an_address_named_by_the_gateway_is_limited_by_its_failures_and_other_addresses_are_not() {
        String client = "198.51." + ThreadLocalRandom.current().nextInt(0, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        String neighbour = "198.18." + ThreadLocalRandom.current().nextInt(0, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        // Successful handshakes give their attempt back: many of them never use up the address's budget.
        for (int i = 0; i < 6; i++) {
            String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
            try (var charger = viaGateway(chargePointId, OcppTestSupport.PASSWORD, client)) {
                assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
            }
        }
        for (int i = 0; i < 4; i++) {
            String unknown = "CP-NOBODY-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(refusal(() -> viaGateway(unknown, WRONG, client)).statusCode()).isEqualTo(401);
        }

        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        HttpResponse<?> limited = refusal(() -> viaGateway(chargePointId, OcppTestSupport.PASSWORD, client));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        try (var charger = viaGateway(chargePointId, OcppTestSupport.PASSWORD, neighbour)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
    }

    @Test
    void a_client_that_is_not_a_trusted_proxy_cannot_choose_the_address_it_is_counted_by() throws Exception {
        String blocked = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        for (int i = 0; i < 5; i++) {
            String unknown = "CP-NOBODY-" + UUID.randomUUID().toString().substring(0, 8);
            refusal(() -> viaGateway(unknown, WRONG, blocked));
        }
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        assertThat(refusal(() -> viaGateway(chargePointId, OcppTestSupport.PASSWORD, blocked)).statusCode())
                .isEqualTo(429);

        // From another local address (not the trusted 127.0.0.1) the same header is not believed.
        InetAddress own = localAddress();
        try (var charger = RawCharger.to(port, chargePointId).password(OcppTestSupport.PASSWORD)
                .subprotocols("ocpp1.6").header("X-Forwarded-For", blocked).from(own).connect()) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
    }

    /** As the gateway connects for a charger: from 127.0.0.1, naming the charger's address. */
    private RawCharger viaGateway(String chargePointId, String password, String address) {
        return RawCharger.to(port, chargePointId).password(password).subprotocols("ocpp1.6")
                .header("X-Forwarded-For", address).connect();
    }

    private static InetAddress localAddress() throws UnknownHostException {
        // Any 127.x.y.z is this machine on Linux: a client with an address of its own.
        return InetAddress.getByName("127.0." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(2, 255));
    }
}
