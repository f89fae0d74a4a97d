package com.evplatform.device.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.registry.infrastructure.LiveState;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PlatformInfrastructure(schema = "device")
@Import(RegistryIT.AuthServiceStandIn.class)
class RegistryIT extends DeviceApiTest {

    /** Lets the test publish auth.operator-created the way auth-service does, through an outbox. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AuthServiceStandIn {
        @Bean
        ExchangeDefinition authEvents() {
            return ExchangeDefinition.topic("auth.events", 1).keepingUnrouted();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    ApiClient api;
    String operatorCode;
    String operatorToken;
    String otherOperatorToken;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        operatorCode = randomOperatorCode();
        String otherCode = randomOperatorCode();
        announceOperator(operatorCode, "Green Volt " + operatorCode);
        announceOperator(otherCode, "Other " + otherCode);
        operatorToken = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        otherOperatorToken = TOKENS.operator(UUID.randomUUID().toString(), otherCode);
    }

    @Test
    void operators_announced_by_auth_service_are_known_by_their_name() {
        assertThat(jdbc.queryForObject("SELECT name FROM operators WHERE code = ?", String.class, operatorCode))
                .isEqualTo("Green Volt " + operatorCode);
    }

    @Test
    void an_operator_sets_up_a_station_a_tariff_and_a_charger_that_drivers_can_resolve() throws Exception {
        String stationId = createStation(operatorToken, operatorCode);
        Response tariff = api.put("/api/admin/stations/" + stationId + "/tariff", operatorToken, tariffBody());
        assertThat(tariff.status()).isEqualTo(200);
        assertThat(tariff.json().path("segments").get(1).path("electricityFee").asString()).isEqualTo("1.20");

        String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        Response registered = api.post("/api/admin/chargers", operatorToken, Map.of("chargePointId", chargePointId,
                "stationId", stationId, "connectors", 2, "password", "an-ocpp-key-0123456789", "vendor", "Acme"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.field("ocppUrl")).isEqualTo("ws://localhost:8080/ocpp/" + chargePointId);
        JsonNode connectors = registered.json().path("connectors");
        assertThat(connectors).hasSize(2);
        String connectorCode = connectors.get(1).path("connectorCode").asString();
        assertThat(connectorCode).isEqualTo(chargePointId + "-2");
        Map<String, Object> key = jdbc.queryForMap("SELECT key_scheme, password_hash FROM chargers "
                + "WHERE charge_point_id = ?", chargePointId);
        assertThat(key.get("key_scheme")).isEqualTo("HMAC_SHA256");
        assertThat((String) key.get("password_hash")).doesNotContain("an-ocpp-key");

        ApiClient.BinaryResponse png = api.getBytes("/api/admin/connectors/" + connectorCode + "/qr.png",
                operatorToken);
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        String payload = decodeQr(png.body());
        assertThat(payload).isEqualTo("https://evplatform.example/c/" + connectorCode);

        for (String scanned : List.of(payload, connectorCode)) {
            Response resolved = api.get("/api/chargers/resolve?qr=" + encode(scanned), null);
            assertThat(resolved.status()).isEqualTo(200);
            JsonNode body = resolved.json();
            assertThat(body.path("connectorCode").asString()).isEqualTo(connectorCode);
            assertThat(body.path("chargePointId").asString()).isEqualTo(chargePointId);
            assertThat(body.path("connectorId").asInt()).isEqualTo(2);
            assertThat(body.path("online").asBoolean()).isFalse();
            assertThat(body.path("station").path("id").asString()).isEqualTo(stationId);
            assertThat(body.path("operator").path("name").asString()).isEqualTo("Green Volt " + operatorCode);
            assertThat(body.path("tariff").path("currency").asString()).isEqualTo("CNY");
        }
        Response unknown = api.get("/api/chargers/resolve?qr=NOPE-1", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field("code")).isEqualTo("CONNECTOR_NOT_FOUND");

        String driver = TOKENS.driver(UUID.randomUUID().toString());
        Response price = api.get("/api/tariffs/" + connectorCode, driver);
        assertThat(price.status()).isEqualTo(200);
        assertThat(price.json().path("segments")).hasSize(3);
    }

    @Test
    void device_authentication_answers_from_the_live_state_with_a_reason() {
        String stationId = createStation(operatorToken, operatorCode);
        String chargePointId = registerCharger(operatorToken, stationId);
        String code = chargePointId + "-1";
        String driver = TOKENS.driver(UUID.randomUUID().toString());

        assertThat(auth(code, driver)).containsEntry("available", false).containsEntry("reason", "OFFLINE");

        redis.opsForValue().set(LiveState.onlineKey(chargePointId), "1", Duration.ofMinutes(1));
        for (var expected : List.of(List.of("Available", "true", ""), List.of("Preparing", "true", ""),
                List.of("Charging", "false", "OCCUPIED"), List.of("Finishing", "false", "OCCUPIED"),
                List.of("Faulted", "false", "FAULTED"), List.of("Reserved", "false", "RESERVED"),
                List.of("Unavailable", "false", "UNAVAILABLE"))) {
            redis.opsForValue().set(LiveState.connectorKey(chargePointId, 1), expected.get(0));
            Map<String, Object> answer = auth(code, driver);
            assertThat(answer.get("available")).as(expected.get(0)).isEqualTo(Boolean.parseBoolean(expected.get(1)));
            assertThat(answer.getOrDefault("reason", "")).as(expected.get(0)).isEqualTo(expected.get(2));
        }
        redis.opsForValue().set(LiveState.connectorKey(chargePointId, 1), "Available");
        redis.opsForValue().set(LiveState.connectorKey(chargePointId, 0), "Faulted");
        assertThat(auth(code, driver)).containsEntry("available", false).containsEntry("reason", "FAULTED");
        redis.opsForValue().set(LiveState.connectorKey(chargePointId, 0), "Unavailable");
        assertThat(auth(code, driver)).containsEntry("available", false).containsEntry("reason", "UNAVAILABLE");

        Response unknown = api.get("/api/chargers/NOPE-9/auth", driver);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field("code")).isEqualTo("CONNECTOR_NOT_FOUND");
    }

    @Test
    void an_operator_sees_and_changes_only_its_own_stations() {
        String stationId = createStation(operatorToken, operatorCode);
        String chargePointId = registerCharger(operatorToken, stationId);

        Response foreignStation = api.post("/api/admin/stations", otherOperatorToken, stationBody(operatorCode));
        assertThat(foreignStation.status()).isEqualTo(403);
        assertThat(api.put("/api/admin/stations/" + stationId + "/tariff", otherOperatorToken, tariffBody()).field(
                "code")).isEqualTo("STATION_NOT_FOUND");
        Response foreignCharger = api.post("/api/admin/chargers", otherOperatorToken, Map.of("chargePointId",
                "CP-X" + UUID.randomUUID().toString().substring(0, 6), "stationId", stationId, "connectors", 1,
                "password", "an-ocpp-key-0123456789"));
        assertThat(foreignCharger.status()).isEqualTo(404);
        assertThat(api.getBytes("/api/admin/connectors/" + chargePointId + "-1/qr.png", otherOperatorToken).status())
                .isEqualTo(404);

        assertThat(chargerIds(api.get("/api/admin/chargers", operatorToken))).contains(chargePointId);
        assertThat(chargerIds(api.get("/api/admin/chargers", otherOperatorToken))).doesNotContain(chargePointId);
        assertThat(api.get("/api/admin/chargers?stationId=" + stationId, otherOperatorToken).status())
                .isEqualTo(404);
        assertThat(chargerIds(api.get("/api/admin/chargers?stationId=" + stationId + "&size=100", TOKENS.admin())))
                .containsExactly(chargePointId);

        String driver = TOKENS.driver(UUID.randomUUID().toString());
        assertThat(api.post("/api/admin/stations", driver, stationBody(operatorCode)).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/chargers", driver).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/chargers", null).status()).isEqualTo(401);
    }

    @Test
    void an_operator_token_without_an_operator_code_is_refused_everywhere_and_changes_nothing() {
        String stationId = createStation(operatorToken, operatorCode);
        String chargePointId = registerCharger(operatorToken, stationId);
        String unbound = TOKENS.token(UUID.randomUUID().toString(), "OPERATOR", null);
        int stations = count("stations");
        int chargers = count("chargers");

        for (Response refused : List.of(
                api.get("/api/admin/chargers", unbound),
                api.get("/api/admin/chargers?stationId=" + stationId, unbound),
                api.post("/api/admin/stations", unbound, stationBody(operatorCode)),
                api.put("/api/admin/stations/" + stationId + "/tariff", unbound, tariffBody()),
                api.post("/api/admin/chargers", unbound, Map.of("chargePointId", "CP-U" + stationId.substring(0, 6),
                        "stationId", stationId, "connectors", 1, "password", "an-ocpp-key-0123456789")),
                api.post("/api/admin/chargers/" + chargePointId + "/commands", unbound, Map.of("type", "RESET")),
                api.get("/api/admin/commands/" + UUID.randomUUID(), unbound))) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.field("code")).isEqualTo("OPERATOR_SCOPE_MISSING");
        }
        assertThat(api.getBytes("/api/admin/connectors/" + chargePointId + "-1/qr.png", unbound).status())
                .isEqualTo(403);
        assertThat(count("stations")).isEqualTo(stations);
        assertThat(count("chargers")).isEqualTo(chargers);
    }

    @Test
    void an_admin_manages_any_operators_stations() {
        String stationId = createStation(TOKENS.admin(), operatorCode);
        assertThat(api.put("/api/admin/stations/" + stationId + "/tariff", TOKENS.admin(), tariffBody()).status())
                .isEqualTo(200);
        Response unknownOperator = api.post("/api/admin/stations", TOKENS.admin(), stationBody("ZZZZZZZZ9"));
        assertThat(unknownOperator.status()).isEqualTo(404);
        assertThat(unknownOperator.field("code")).isEqualTo("OPERATOR_NOT_FOUND");
    }

    @Test
    void every_bad_admin_body_is_refused_with_the_field_and_changes_nothing() {
        String stationId = createStation(operatorToken, operatorCode);
        int stations = count("stations");
        int chargers = count("chargers");
        int tariffs = count("tariffs");

        List<Map<String, Object>> badStations = List.of(
                Map.of("address", "a", "latitude", 1, "longitude", 1, "operatorCode", operatorCode),
                Map.of("name", "n", "address", "a", "latitude", 91, "longitude", 1, "operatorCode", operatorCode),
                Map.of("name", "n", "address", "a", "latitude", 1, "longitude", -181, "operatorCode", operatorCode),
                Map.of("name", "n", "address", "a", "latitude", 1, "longitude", 1, "operatorCode", "lower"));
        for (Map<String, Object> body : badStations) {
            assertValidationFailed(api.post("/api/admin/stations", operatorToken, body), body);
        }
        assertValidationFailed(api.post("/api/admin/stations", operatorToken, "{not json"), "not json");

        String id = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> badChargers = List.of(
                Map.of("chargePointId", "has space", "stationId", stationId, "connectors", 1, "password", "k".repeat(20)),
                Map.of("chargePointId", "x".repeat(37), "stationId", stationId, "connectors", 1, "password", "k".repeat(20)),
                Map.of("chargePointId", id, "stationId", stationId, "connectors", 0, "password", "k".repeat(20)),
                Map.of("chargePointId", id, "stationId", stationId, "connectors", 9, "password", "k".repeat(20)),
                Map.of("chargePointId", id, "stationId", stationId, "connectors", 1, "password", "short"),
                Map.of("chargePointId", id, "stationId", stationId, "connectors", 1, "password", "k".repeat(41)),
                Map.of("chargePointId", id, "connectors", 1, "password", "k".repeat(20)),
                Map.of("chargePointId", id, "stationId", stationId, "connectors", 1, "password", "k".repeat(20),
                        "vendor", "v".repeat(21)));
        for (Map<String, Object> body : badChargers) {
            assertValidationFailed(api.post("/api/admin/chargers", operatorToken, body), body);
        }

        List<Object> badTariffs = List.of(
                Map.of("currency", "CNY", "segments", List.of()),
                Map.of("currency", "CNY", "segments", List.of(segment("01:00", "1", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("00:00", "1", "1"), segment("00:00", "1", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("00:00", "-1", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("00:00", "0.12345", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("00:00", "one", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("0:00", "1", "1"))),
                Map.of("currency", "CNY", "segments", List.of(segment("24:00", "1", "1"))),
                Map.of("currency", "cny", "segments", List.of(segment("00:00", "1", "1"))),
                Map.of("currency", "CNY"));
        for (Object body : badTariffs) {
            assertValidationFailed(api.put("/api/admin/stations/" + stationId + "/tariff", operatorToken, body), body);
        }

        assertThat(api.get("/api/admin/chargers?size=101", operatorToken).status()).isEqualTo(400);
        assertThat(count("stations")).isEqualTo(stations);
        assertThat(count("chargers")).isEqualTo(chargers);
        assertThat(count("tariffs")).isEqualTo(tariffs);
    }

    @Test
    void a_charge_point_id_is_registered_once() {
        String stationId = createStation(operatorToken, operatorCode);
        String chargePointId = registerCharger(operatorToken, stationId);
        Response again = api.post("/api/admin/chargers", operatorToken, Map.of("chargePointId", chargePointId,
                "stationId", stationId, "connectors", 1, "password", "an-ocpp-key-0123456789"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("code")).isEqualTo("CHARGER_EXISTS");
    }

    private void assertValidationFailed(Response response, Object body) {
        assertThat(response.status()).as("%s", body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("code")).as("%s", body).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors")).as("%s", body).isNotEmpty();
    }

    private Map<String, Object> auth(String connectorCode, String token) {
        Response response = api.get("/api/chargers/" + connectorCode + "/auth", token);
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> answer = new java.util.HashMap<>();
        answer.put("available", response.json().path("available").asBoolean());
        if (!response.json().path("reason").isNull() && response.json().has("reason")) {
            answer.put("reason", response.json().path("reason").asString());
        }
        return answer;
    }

    private static List<String> chargerIds(Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("items").valueStream().map(item -> item.path("chargePointId").asString()).toList();
    }

    private String createStation(String token, String operator) {
        Response created = api.post("/api/admin/stations", token, stationBody(operator));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.field("stationId");
    }

    private String registerCharger(String token, String stationId) {
        String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        Response registered = api.post("/api/admin/chargers", token, Map.of("chargePointId", chargePointId,
                "stationId", stationId, "connectors", 2, "password", "an-ocpp-key-0123456789"));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return chargePointId;
    }

    private static Map<String, Object> stationBody(String operator) {
        return Map.of("name", "Riverside Car Park", "address", "1 River Road", "latitude", 31.2304,
                "longitude", 121.4737, "operatorCode", operator);
    }

    private static Map<String, Object> tariffBody() {
        return Map.of("currency", "CNY", "segments", List.of(segment("00:00", "0.60", "0.40"),
                segment("08:00", "1.20", "0.60"), segment("22:00", "0.60", "0.40")));
    }

    private static Map<String, String> segment(String start, String electricity, String service) {
        return Map.of("start", start, "electricityFee", electricity, "serviceFee", service);
    }

    private void announceOperator(String code, String name) {
        transactions.executeWithoutResult(status -> outbox.publish(OutgoingMessage.to("auth.events")
                .type("auth.operator-created").aggregate("operator:" + code)
                .payload(Map.of("code", code, "name", name))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM operators WHERE code = ?", Integer.class, code) == 1);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private static String randomOperatorCode() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decodeQr(byte[] png) throws IOException, com.google.zxing.NotFoundException,
            com.google.zxing.ChecksumException, com.google.zxing.FormatException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        // A generated image, not a photo: PURE_BARCODE reads it by its geometry; the finder-pattern
        // search for photos misses some clean codes (it failed about one run in six).
        return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE,
                Boolean.TRUE)).getText();
    }
}
