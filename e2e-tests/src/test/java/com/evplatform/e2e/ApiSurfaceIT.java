package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.evplatform.e2e.surface.ApiOperations;
import com.evplatform.e2e.surface.ApiOperations.Operation;
import com.evplatform.e2e.surface.ApiOperations.Parameter;
import com.evplatform.e2e.surface.Bodies;
import com.evplatform.e2e.surface.Probe;
import com.evplatform.e2e.surface.Probe.Framing;
import com.evplatform.paymentprovider.PaymentProvider;
import com.evplatform.simulator.RemoteStartBehaviour;
import com.evplatform.simulator.Simulator;
import com.evplatform.simulator.SimulatorConfig;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OWASP API Top 10 pass over the whole public surface: every operation of every service's
 * OpenAPI document (fetched through the gateway, as an admin) is called through the gateway
 * without a token, with a role that may not call it, with another user's or another operator's
 * token on the first one's resources, with malformed path ids and query values, and with
 * malformed, mistyped, incomplete, out-of-range and oversized bodies. Nothing is listed by
 * hand but the public operations and the contract's floor of operations per service: the
 * calls are generated from the documents, one dynamic test per operation and attack. Every
 * answer must be a 4xx the attack calls for, as {@code application/problem+json} with a
 * {@code code}, never a 5xx.
 */
class ApiSurfaceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "surface-key-0123456789";
    private static final String PAYMENT_SECRET = "e2e-payment-webhook-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> SERVICES = List.of("auth-service", "device-service", "charging-service",
            "order-service", "reconciliation-service");

    /**
     * What API.md and ADR 14 make public (the documents declare no security requirements, so
     * this is the one list of them). The webhook is public but signed: unsigned calls are 401.
     */
    private static final Set<String> PUBLIC = Set.of("POST /api/auth/register", "POST /api/auth/login",
            "POST /api/auth/refresh", "GET /api/auth/jwks", "GET /api/chargers/resolve",
            "POST /api/payments/webhook");
    private static final Set<String> SIGNED = Set.of("POST /api/payments/webhook");

    /** Path ids that name a driver's own resources: another driver gets 404 for them. */
    private static final Set<String> DRIVER_OWNED = Set.of("sessionId", "orderId", "topUpId");
    /** Body fields that scope an admin call to an operator's stations. */
    private static final Set<String> OPERATOR_SCOPED = Set.of("operatorCode", "stationId");

    private static final List<String> MALFORMED_IDS = List.of("not-a-uuid", "a".repeat(1000), "%00",
            "..%2F..%2Fadmin", "%2e%2e");

    /** The floor: each service's operations in API.md's tables; the documents may list more. */
    private static final Map<String, List<String>> CONTRACT = Map.of(
            "auth-service", List.of("POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh",
                    "POST /api/auth/logout", "GET /api/auth/me", "GET /api/auth/jwks", "POST /api/admin/operators",
                    "POST /api/admin/users"),
            "device-service", List.of("GET /api/chargers/resolve", "GET /api/chargers/{connectorCode}/auth",
                    "GET /api/tariffs/{connectorCode}", "POST /api/admin/stations",
                    "PUT /api/admin/stations/{stationId}/tariff", "POST /api/admin/chargers", "GET /api/admin/chargers",
                    "GET /api/admin/connectors/{connectorCode}/qr.png",
                    "POST /api/admin/chargers/{chargePointId}/commands", "GET /api/admin/commands/{commandId}"),
            "charging-service", List.of("POST /api/charging/sessions", "GET /api/charging/sessions/{sessionId}",
                    "GET /api/charging/sessions/{sessionId}/events", "POST /api/charging/sessions/{sessionId}/stop",
                    "GET /api/charging/sessions", "GET /api/admin/sessions",
                    "POST /api/admin/sessions/{sessionId}/stop"),
            "order-service", List.of("GET /api/orders", "GET /api/orders/{orderId}", "GET /api/wallet",
                    "GET /api/wallet/entries", "POST /api/wallet/top-ups", "GET /api/wallet/top-ups/{topUpId}",
                    "POST /api/payments/webhook", "GET /api/admin/orders", "POST /api/admin/orders/{orderId}/refunds",
                    "POST /api/admin/wallets/{userId}/credits"),
            "reconciliation-service", List.of("POST /api/admin/reconciliation/runs",
                    "GET /api/admin/reconciliation/runs", "GET /api/admin/reconciliation/runs/{runId}",
                    "GET /api/admin/reconciliation/runs/{runId}/report.csv",
                    "GET /api/admin/reconciliation/mismatches",
                    "POST /api/admin/reconciliation/mismatches/{mismatchId}/resolve",
                    "POST /api/admin/reconciliation/statements"));
    private static final List<String> MESSAGING = List.of("GET /api/admin/messaging/{service}/dead-letters",
            "POST /api/admin/messaging/{service}/dead-letters/{messageId}/replay",
            "GET /api/admin/messaging/{service}/outbox", "POST /api/admin/messaging/{service}/outbox/{id}/retry");

    private static final List<ServiceProcess> running = new ArrayList<>();
    private static ServiceProcess gateway;
    private static ApiClient api;
    private static Probe probe;
    private static Simulator simulator;
    private static final Map<String, List<Operation>> operations = new LinkedHashMap<>();

    private static String admin;
    private static String driverA;
    private static String driverB;
    private static String operatorA;
    private static String operatorB;
    private static String operatorCodeA;
    /** Ids of the first driver's and the first operator's resources, by the name the documents give them. */
    private static final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void startPlatformAndCreateTheResourcesToAttack() {
        startPlatform();
        probe = new Probe(gateway.port());
        admin = login(E2eAuthService.ADMIN, E2eAuthService.ADMIN_PASSWORD);
        driverA = newDriver();
        driverB = newDriver();
        operatorCodeA = newOperator();
        String operatorCodeB = newOperator();
        operatorA = newOperatorUser(operatorCodeA);
        operatorB = newOperatorUser(operatorCodeB);
        String stationA = Stations.open(api, admin, operatorCodeA);
        Stations.open(api, admin, operatorCodeB);

        String chargePointId = "SURF-" + UUID.randomUUID().toString().substring(0, 8);
        Response charger = api.post("/api/admin/chargers", operatorA, Map.of("chargePointId", chargePointId,
                "stationId", stationA, "connectors", 1, "password", PASSWORD));
        assertThat(charger.status()).as(charger.text()).isEqualTo(201);
        String connectorCode = charger.json().path("connectors").get(0).path("connectorCode").asString();
        ids.put("stationId", stationA);
        ids.put("chargePointId", chargePointId);
        ids.put("connectorCode", connectorCode);
        ids.put("userId", api.get("/api/auth/me", driverA).field("userId"));
        ids.put("topUpId", topUp(driverA, "50.00"));

        // A charging session of the first driver at the first operator's charger, and its order.
        simulator = Simulator.start(SimulatorConfig.builder().baseUrl("ws://127.0.0.1:" + gateway.port() + "/ocpp")
                .chargePointIds(List.of(chargePointId)).password(PASSWORD).connectorsPerCharger(1)
                .meterInterval(Duration.ofSeconds(5)).speedup(1).remoteStart(RemoteStartBehaviour.ACCEPT).build());
        simulator.chargePoint(chargePointId).awaitBooted(PATIENCE);
        await().atMost(PATIENCE).until(() -> api.get("/api/chargers/" + connectorCode + "/auth", driverA).json()
                .path("available").asBoolean());
        Response started = api.post("/api/charging/sessions", driverA, Map.of("connectorCode", connectorCode));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        ids.put("sessionId", started.field("sessionId"));
        JsonNode order = await().atMost(PATIENCE).until(() -> api.get("/api/orders?sessionId="
                + ids.get("sessionId"), driverA).json().path("items"), items -> !items.isEmpty()).get(0);
        ids.put("orderId", order.path("orderId").asString());

        Response command = api.post("/api/admin/chargers/" + chargePointId + "/commands", operatorA,
                Map.of("type", "TRIGGER_MESSAGE", "params", Map.of("requestedMessage", "Heartbeat")));
        assertThat(command.status()).as(command.text()).isEqualTo(202);
        ids.put("commandId", command.field("commandId"));
        Response run = api.post("/api/admin/reconciliation/runs", operatorA, Map.of("from",
                Instant.now().minus(Duration.ofHours(1)).toString(), "to", Instant.now().toString()));
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        ids.put("runId", run.field("runId"));

        for (String service : SERVICES) {
            Response document = api.get("/api-docs/" + service, admin);
            assertThat(document.status()).as(service + ": " + document.text()).isEqualTo(200);
            operations.put(service, new ApiOperations(service, document.json()).operations());
        }
    }

    private static void startPlatform() {
        var infrastructure = Infrastructure.get();
        Map<String, Object> authProperties = E2eAuthService.properties(infrastructure);
        ServiceProcess auth = started("auth-service", authProperties);
        String jwks = auth.url() + "/api/auth/jwks";

        Map<String, Object> deviceProperties = new HashMap<>(infrastructure.springProperties("device"));
        deviceProperties.put("platform.security.jwks-uri", jwks);
        deviceProperties.put("platform.device.key-secret", "e2e-device-key-secret-0123456789abcdef");
        ServiceProcess device = started("device-service", deviceProperties);

        Map<String, Object> orderProperties = new HashMap<>(infrastructure.springProperties("orders"));
        orderProperties.put("platform.security.jwks-uri", jwks);
        orderProperties.put("platform.order.webhook-secret", PAYMENT_SECRET);
        ServiceProcess orders = started("order-service", orderProperties);

        Map<String, Object> chargingProperties = new HashMap<>(infrastructure.springProperties("charging"));
        chargingProperties.put("platform.security.jwks-uri", jwks);
        chargingProperties.put("platform.charging.device-service-url", device.url());
        chargingProperties.put("platform.charging.order-service-url", orders.url());
        ServiceProcess charging = started("charging-service", chargingProperties);

        Map<String, Object> reconciliationProperties = new HashMap<>(infrastructure.springProperties("reconciliation"));
        reconciliationProperties.put("platform.security.jwks-uri", jwks);
        ServiceProcess reconciliation = started("reconciliation-service", reconciliationProperties);

        // Rate limits high enough for some thousand calls in a minute: throttling is not what is tested here.
        gateway = started("gateway-service", Map.ofEntries(
                Map.entry("spring.data.redis.host", infrastructure.redis().host()),
                Map.entry("spring.data.redis.port", infrastructure.redis().port()),
                Map.entry("AUTH_SERVICE_URL", auth.url()),
                Map.entry("DEVICE_SERVICE_URL", device.url()),
                Map.entry("DEVICE_SERVICE_WS_URL", "ws://127.0.0.1:" + device.port()),
                Map.entry("CHARGING_SERVICE_URL", charging.url()),
                Map.entry("ORDER_SERVICE_URL", orders.url()),
                Map.entry("RECONCILIATION_SERVICE_URL", reconciliation.url()),
                Map.entry("GATEWAY_RATE_PER_SECOND", 1000),
                Map.entry("GATEWAY_RATE_BURST", 2000),
                Map.entry("GATEWAY_START_RATE_PER_SECOND", 1000),
                Map.entry("GATEWAY_START_RATE_BURST", 2000),
                Map.entry("platform.security.jwks-uri", jwks)));
        api = new ApiClient(gateway.port());
    }

    private static ServiceProcess started(String module, Map<String, Object> properties) {
        ServiceProcess service = ServiceProcess.start(module, properties);
        running.add(service);
        return service;
    }

    @AfterAll
    static void stopPlatform() {
        if (simulator != null) {
            simulator.close();
        }
        running.reversed().forEach(ServiceProcess::close);
    }

    @Test
    void every_document_lists_at_least_the_operations_of_the_contract() {
        for (String service : SERVICES) {
            Set<String> listed = operations.get(service).stream().map(Operation::name).collect(Collectors.toSet());
            assertThat(listed).as(service).containsAll(CONTRACT.get(service)).containsAll(MESSAGING);
        }
    }

    @TestFactory
    Stream<DynamicNode> every_operation_answers_every_attack_with_a_4xx_problem() {
        assertThat(operations).as("documents fetched").hasSize(SERVICES.size());
        return operations.entrySet().stream().map(service -> DynamicContainer.dynamicContainer(service.getKey(),
                service.getValue().stream().map(operation -> DynamicContainer.dynamicContainer(operation.name(),
                        attacks(operation).stream().map(attack -> DynamicTest.dynamicTest(attack.name(),
                                () -> attack.check(operation)))))));
    }

    /** A call to make and what must come back. */
    private record Attack(String name, Call call, Set<Integer> expected, String expectedCode) {

        void check(Operation operation) {
            Response response = call.send();
            String shown = operation.name() + " (" + name + ") answered " + response.status() + " "
                    + response.contentType() + ": " + abbreviated(response.text());
            assertThat(response.status()).as(shown).isLessThan(500);
            assertThat(response.status()).as(shown).isIn(expected);
            assertThat(response.contentType()).as(shown).startsWith("application/problem+json");
            assertThat(response.field("code")).as(shown).isNotBlank();
            if (expectedCode != null) {
                assertThat(response.field("code")).as(shown).isEqualTo(expectedCode);
            }
        }
    }

    private interface Call {
        Response send();
    }

    private static List<Attack> attacks(Operation operation) {
        List<Attack> attacks = new ArrayList<>();
        boolean publicOperation = PUBLIC.contains(operation.name());
        boolean signed = SIGNED.contains(operation.name());
        String owner = publicOperation ? null : operation.isAdmin() ? admin : driverA;
        Bodies bodies = new Bodies(ApiSurfaceIT::bodyValue);

        if (!publicOperation) {
            attacks.add(new Attack("no token -> 401", () -> call(operation, url(operation), null,
                    validBody(operation, bodies)), Set.of(401), "UNAUTHENTICATED"));
        }
        if (operation.isAdmin()) {
            attacks.add(new Attack("a driver's token -> 403", () -> call(operation, url(operation), driverA,
                    validBody(operation, bodies)), Set.of(403), "FORBIDDEN"));
            boolean scoped = !operation.pathParameters().isEmpty() || operation.hasJsonBody()
                    && OPERATOR_SCOPED.stream().anyMatch(field -> bodies.valid(operation).has(field));
            if (scoped) {
                attacks.add(new Attack("another operator's token on the first one's resources -> 403 or 404",
                        () -> call(operation, url(operation), operatorB, validBody(operation, bodies)),
                        Set.of(403, 404), null));
            }
        } else if (operation.pathParameters().stream().anyMatch(p -> DRIVER_OWNED.contains(p.name()))) {
            attacks.add(new Attack("another driver's token on the first one's resources -> 404",
                    () -> call(operation, url(operation), driverB, validBody(operation, bodies)), Set.of(404),
                    null));
        }
        for (Parameter parameter : operation.pathParameters()) {
            for (String malformed : MALFORMED_IDS) {
                attacks.add(new Attack("path " + parameter.name() + " = " + abbreviated(malformed) + " -> 400 or 404",
                        () -> call(operation, url(operation, parameter.name(), malformed, null), owner,
                                validBody(operation, bodies)), Set.of(400, 404), null));
            }
        }
        for (Parameter parameter : operation.queryParameters()) {
            for (String malformed : malformedQueryValues(parameter.schema())) {
                attacks.add(new Attack("query " + parameter.name() + " = " + malformed + " -> 400",
                        () -> call(operation, url(operation, null, null, parameter.name() + "=" + malformed), owner,
                                validBody(operation, bodies)), Set.of(400), null));
            }
        }
        if (operation.hasJsonBody()) {
            Set<Integer> refused = signed ? Set.of(401) : Set.of(400);
            attacks.add(new Attack("malformed JSON -> 400", () -> call(operation, url(operation), owner,
                    bytes("{\"unterminated\": ")), refused, null));
            if (!operation.resolve(operation.bodySchema()).path("required").isEmpty()) {
                attacks.add(new Attack("required fields missing -> 400", () -> call(operation, url(operation),
                        owner, bytes("{}")), refused, null));
            }
            bodies.wrongTypes(operation).forEach(mutation -> attacks.add(new Attack(mutation.description()
                    + " -> 400", () -> call(operation, url(operation), owner, json(mutation.body())), refused, null)));
            // Past a limit may also be a conflict the contract names (a refund above what was paid: 409).
            Set<Integer> outOfRange = signed ? refused : Set.of(400, 409);
            bodies.outOfRange(operation).forEach(mutation -> attacks.add(new Attack(mutation.description()
                    + " -> 400 or 409", () -> call(operation, url(operation), owner, json(mutation.body())),
                    outOfRange, null)));
            Set<Integer> tooLarge = signed ? Set.of(413, 400, 401) : Set.of(413, 400);
            for (Framing framing : Framing.values()) {
                attacks.add(new Attack("2 MB body (" + framing.name().toLowerCase().replace('_', '-')
                        + ") -> 413", () -> probe.send(operation.method(), url(operation), owner,
                                "application/json", json(bodies.oversized(operation)), framing), tooLarge, null));
            }
        }
        return attacks;
    }

    private static List<String> malformedQueryValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        switch (schema.path("type").asString("")) {
            case "integer" -> {
                values.add("not-a-number");
                if (schema.has("minimum")) {
                    values.add(String.valueOf(schema.path("minimum").asLong() - 1));
                }
                if (schema.has("maximum")) {
                    values.add(String.valueOf(schema.path("maximum").asLong() + 1));
                }
            }
            case "string" -> {
                if (schema.has("enum")) {
                    values.add("NOT_A_VALUE");
                }
                if ("date-time".equals(schema.path("format").asString(""))) {
                    values.add("yesterday");
                }
            }
            default -> {
            }
        }
        return values;
    }

    private static Response call(Operation operation, String url, String token, byte[] body) {
        return probe.send(operation.method(), url, token, "application/json", body, Framing.CONTENT_LENGTH);
    }

    private static byte[] validBody(Operation operation, Bodies bodies) {
        return operation.hasJsonBody() ? json(bodies.valid(operation)) : null;
    }

    private static String url(Operation operation) {
        return url(operation, null, null, null);
    }

    /**
     * The operation's path with its ids filled in from the test's resources ({@code replaced}
     * given {@code raw}, already URL-encoded), its required query parameters, and {@code extraQuery}.
     */
    private static String url(Operation operation, String replaced, String raw, String extraQuery) {
        String path = operation.path();
        for (Parameter parameter : operation.pathParameters()) {
            String value = parameter.name().equals(replaced) ? raw : encode(pathValue(operation, parameter));
            path = path.replace("{" + parameter.name() + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (Parameter parameter : operation.queryParameters()) {
            if (parameter.required() && !parameter.name().equals(extraQuery == null ? null
                    : extraQuery.substring(0, extraQuery.indexOf('=')))) {
                query.add(parameter.name() + "=" + encode(String.valueOf(bodyValue(parameter.name()))));
            }
        }
        if (extraQuery != null) {
            query.add(extraQuery);
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    /** An id of the test's resources for a path parameter; one nobody has where it has none. */
    private static String pathValue(Operation operation, Parameter parameter) {
        if (parameter.name().equals("service")) {
            return operation.service();
        }
        if (ids.containsKey(parameter.name())) {
            return ids.get(parameter.name());
        }
        return "integer".equals(parameter.schema().path("type").asString("")) ? "987654321"
                : UUID.randomUUID().toString();
    }

    /** Realistic values for fields whose schema says too little to make one (a pattern, a money amount). */
    private static Object bodyValue(String name) {
        return switch (name) {
            case "operatorCode" -> operatorCodeA;
            case "stationId", "connectorCode", "userId" -> ids.get(name);
            case "qr" -> ids.get("connectorCode");
            case "code" -> randomOperatorCode();
            case "chargePointId" -> "SURF-" + UUID.randomUUID().toString().substring(0, 8);
            case "username" -> "surface." + UUID.randomUUID().toString().substring(0, 8);
            case "password" -> PASSWORD;
            case "reference" -> "surface-" + UUID.randomUUID();
            case "name", "address", "reason", "note" -> "surface test";
            case "refreshToken" -> "surface-not-a-refresh-token";
            case "currency" -> "CNY";
            case "start" -> "00:00";
            case "electricityFee" -> "0.80";
            case "serviceFee" -> "0.40";
            case "type" -> "RESET";
            case "role" -> "OPERATOR";
            case "connectors" -> 1;
            case "latitude" -> new java.math.BigDecimal("31.2");
            case "longitude" -> new java.math.BigDecimal("121.5");
            case "amount" -> new java.math.BigDecimal("1.00");
            case "from" -> Instant.now().minus(Duration.ofHours(1)).toString();
            case "to" -> Instant.now().toString();
            default -> null;
        };
    }

    private static String newDriver() {
        String username = "surface." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/auth/register", Map.of("username", username, "password", PASSWORD)).status())
                .isEqualTo(201);
        return login(username, PASSWORD);
    }

    private static String newOperator() {
        String code = randomOperatorCode();
        assertThat(api.post("/api/admin/operators", admin, Map.of("code", code, "name", "Surface Energy")).status())
                .isEqualTo(201);
        return code;
    }

    private static String newOperatorUser(String operatorCode) {
        String username = "surface.op." + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/admin/users", admin, Map.of("username", username, "password", PASSWORD,
                "role", "OPERATOR", "operatorCode", operatorCode));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return login(username, PASSWORD);
    }

    /** A top-up the payment provider paid and reported; returns its id. */
    private static String topUp(String token, String amount) {
        Response topUp = api.post("/api/wallet/top-ups", token, Map.of("amount", amount));
        assertThat(topUp.status()).as(topUp.text()).isEqualTo(201);
        try (var provider = PaymentProvider.builder()
                .webhookUrl("http://127.0.0.1:" + gateway.port() + "/api/payments/webhook").secret(PAYMENT_SECRET)
                .build()) {
            assertThat(provider.succeed(topUp.field("topUpId"), amount, "CNY").delivery().status()).isEqualTo(200);
        }
        return topUp.field("topUpId");
    }

    private static String login(String username, String password) {
        Response login = api.post("/api/auth/login", Map.of("username", username, "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return login.field("accessToken");
    }

    private static String randomOperatorCode() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }

    private static byte[] json(JsonNode body) {
        return JSON.writeValueAsBytes(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
