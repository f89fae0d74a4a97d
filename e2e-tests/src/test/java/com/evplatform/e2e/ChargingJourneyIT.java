package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.evplatform.simulator.ConnectorStatus;
import com.evplatform.simulator.RemoteStartBehaviour;
import com.evplatform.simulator.SimulatedChargePoint;
import com.evplatform.simulator.Simulator;
import com.evplatform.simulator.SimulatorConfig;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The driver's journey as the app makes it, every call through the gateway, with the
 * charge-point simulator as the charger on a real OCPP WebSocket (also through the gateway):
 * scan, start, watch over SSE, stop. And a crash of charging-service in the middle of a start.
 */
class ChargingJourneyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_PASSWORD = "e2e-admin-password";
    private static final String CHARGER_PASSWORD = "e2e-charger-key-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static ServiceProcess auth;
    private static ServiceProcess device;
    private static ServiceProcess charging;
    private static ServiceProcess orders;
    private static ServiceProcess reconciliation;
    private static ServiceProcess gateway;
    private static final String PAYMENT_SECRET = "e2e-payment-webhook-secret";
    private static ApiClient api;
    private static String admin;
    private static String stationId;

    @BeforeAll
    static void startPlatform() {
        var infrastructure = Infrastructure.get();
        Map<String, Object> authProperties = E2eAuthService.properties(infrastructure);
        auth = ServiceProcess.start("auth-service", authProperties);
        String jwks = auth.url() + "/api/auth/jwks";

        Map<String, Object> deviceProperties = new HashMap<>(infrastructure.springProperties("device"));
        deviceProperties.put("platform.security.jwks-uri", jwks);
        deviceProperties.put("platform.device.key-secret", "e2e-device-key-secret-0123456789abcdef");
        device = ServiceProcess.start("device-service", deviceProperties);

        Map<String, Object> orderProperties = new HashMap<>(infrastructure.springProperties("orders"));
        orderProperties.put("platform.security.jwks-uri", jwks);
        orderProperties.put("platform.order.webhook-secret", PAYMENT_SECRET);
        orders = ServiceProcess.start("order-service", orderProperties);

        Map<String, Object> chargingProperties = new HashMap<>(infrastructure.springProperties("charging"));
        chargingProperties.put("platform.security.jwks-uri", jwks);
        chargingProperties.put("platform.charging.device-service-url", device.url());
        chargingProperties.put("platform.charging.order-service-url", orders.url());
        charging = ServiceProcess.start("charging-service", chargingProperties);

        Map<String, Object> reconciliationProperties = new HashMap<>(infrastructure.springProperties("reconciliation"));
        reconciliationProperties.put("platform.security.jwks-uri", jwks);
        reconciliation = ServiceProcess.start("reconciliation-service", reconciliationProperties);

        Map<String, Object> gatewayProperties = new HashMap<>(Map.of(
                "spring.data.redis.host", infrastructure.redis().host(),
                "spring.data.redis.port", infrastructure.redis().port(),
                "AUTH_SERVICE_URL", auth.url(),
                "DEVICE_SERVICE_URL", device.url(),
                "DEVICE_SERVICE_WS_URL", "ws://127.0.0.1:" + device.port(),
                "CHARGING_SERVICE_URL", charging.url(),
                "ORDER_SERVICE_URL", orders.url(),
                "RECONCILIATION_SERVICE_URL", reconciliation.url(),
                "GATEWAY_START_RATE_BURST", 50,
                "platform.security.jwks-uri", jwks));
        // The test scrapes the gateway's metrics as Prometheus does: without a token, from a named address.
        gatewayProperties.put("platform.gateway.metrics-scrapers", "127.0.0.1");
        gateway = ServiceProcess.start("gateway-service", gatewayProperties);
        api = new ApiClient(gateway.port());

        admin = api.post("/api/auth/login", Map.of("username", "e2e-admin", "password", ADMIN_PASSWORD))
                .field("accessToken");
        stationId = openStation(newOperator());
    }

    /** A new operator, created by the admin; returns its code. */
    private static String newOperator() {
        String operatorCode = UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        assertThat(api.post("/api/admin/operators", admin, Map.of("code", operatorCode, "name", "E2E Energy"))
                .status()).isEqualTo(201);
        return operatorCode;
    }

    private static String openStation(String operatorCode) {
        return Stations.open(api, admin, operatorCode);
    }

    @AfterAll
    static void stopPlatform() {
        for (ServiceProcess service : new ServiceProcess[] {gateway, reconciliation, charging, orders, device,
                auth}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void a_driver_scans_starts_watches_and_stops_a_session_through_the_gateway() throws Exception {
        String chargePointId = registerCharger();
        try (Simulator simulator = simulate(chargePointId, RemoteStartBehaviour.ACCEPT)) {
            SimulatedChargePoint charger = simulator.chargePoint(chargePointId);
            charger.awaitBooted(PATIENCE);
            String driver = driver();

            Response resolved = api.get("/api/chargers/resolve?qr=https%3A%2F%2Fevplatform.example%2Fc%2F"
                    + chargePointId + "-1", null);
            assertThat(resolved.status()).isEqualTo(200);
            String connectorCode = resolved.field("connectorCode");
            String sessionId = startSession(connectorCode, driver);

            List<JsonNode> snapshots = new CopyOnWriteArrayList<>();
            Future<?> stream = Executors.newSingleThreadExecutor().submit(() -> follow(sessionId, driver, snapshots));
            await().atMost(PATIENCE).until(() -> snapshots.stream().anyMatch(s -> "CHARGING".equals(
                    s.path("status").asString()) && s.path("energyWh").asLong() > 0));

            Response stopping = api.post("/api/charging/sessions/" + sessionId + "/stop", driver, "");
            assertThat(stopping.status()).isEqualTo(202);
            stream.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

            JsonNode last = snapshots.getLast();
            assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(last.path("stopReason").asString()).isEqualTo("USER");
            long energy = last.path("energyWh").asLong();
            assertThat(energy).isPositive();
            assertThat(energy).isEqualTo(charger.meterRegisterWh(1) - last.path("meterStartWh").asLong());
            var cost = new java.math.BigDecimal(energy).multiply(new java.math.BigDecimal("1.20"))
                    .divide(new java.math.BigDecimal(1000)).setScale(2, java.math.RoundingMode.HALF_UP);
            assertThat(new java.math.BigDecimal(last.path("costSoFar").asString())).isEqualByComparingTo(cost);

            // The bill: one order, priced the same, paid from the wallet the driver topped up.
            await().atMost(PATIENCE).until(() -> "SETTLED".equals(order(sessionId, driver).path("status").asString()));
            JsonNode order = order(sessionId, driver);
            assertThat(order.path("energyWh").asLong()).isEqualTo(energy);
            assertThat(new java.math.BigDecimal(order.path("totalAmount").asString())).isEqualByComparingTo(cost);
            assertThat(new java.math.BigDecimal(order.path("paidAmount").asString())).isEqualByComparingTo(cost);
            JsonNode wallet = api.get("/api/wallet", driver).json();
            assertThat(new java.math.BigDecimal(wallet.path("balance").asString()))
                    .isEqualByComparingTo(new java.math.BigDecimal("50.00").subtract(cost));
            assertThat(wallet.path("entries")).extracting(entry -> entry.path("type").asString())
                    .containsExactly("SETTLEMENT", "TOP_UP");
        }
    }

    @Test
    void a_session_stops_itself_at_its_balance_and_the_remainder_is_paid_by_a_top_up_then_refunded()
            throws Exception {
        String chargePointId = registerCharger();
        try (Simulator simulator = simulate(chargePointId, RemoteStartBehaviour.ACCEPT)) {
            simulator.chargePoint(chargePointId).awaitBooted(PATIENCE);
            String driver = driver("6.00"); // just above the 5.00 needed to start
            String connectorCode = chargePointId + "-1";
            String sessionId = startSession(connectorCode, driver);

            // Nobody presses stop: the platform stops the session when its cost reaches the 6.00 it started with.
            await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(
                    api.get("/api/charging/sessions/" + sessionId, driver).field("status")));
            JsonNode session = api.get("/api/charging/sessions/" + sessionId, driver).json();
            assertThat(session.path("stopReason").asString()).isEqualTo("BALANCE");
            var cost = new java.math.BigDecimal(session.path("costSoFar").asString());
            assertThat(cost).isGreaterThanOrEqualTo(new java.math.BigDecimal("6.00"));

            // The wallet paid what it held; the energy drawn while the charger stopped is still due.
            await().atMost(PATIENCE).until(() -> !"CHARGING".equals(order(sessionId, driver).path("status")
                    .asString()));
            JsonNode order = order(sessionId, driver);
            assertThat(new java.math.BigDecimal(order.path("totalAmount").asString())).isEqualByComparingTo(cost);
            assertThat(order.path("paidAmount").asString()).isEqualTo("6.00");
            var due = cost.subtract(new java.math.BigDecimal("6.00"));
            assertThat(new java.math.BigDecimal(order.path("amountDue").asString())).isEqualByComparingTo(due);
            assertThat(balance(driver)).isZero();
            if (due.signum() > 0) {
                assertThat(order.path("status").asString()).isEqualTo("UNPAID");
                Response refused = api.post("/api/charging/sessions", driver, Map.of("connectorCode", connectorCode));
                assertThat(refused.status()).isEqualTo(402);
                assertThat(refused.field("code")).isEqualTo("UNPAID_ORDER");
            }

            topUp(driver, "20.00"); // pays the unpaid order first
            await().atMost(PATIENCE).until(() -> "SETTLED".equals(order(sessionId, driver).path("status")
                    .asString()));
            assertThat(balance(driver)).isEqualByComparingTo(new java.math.BigDecimal("20.00").subtract(due));

            // An operator's refund goes back to the wallet, once.
            String orderId = order.path("orderId").asString();
            Map<String, Object> refund = Map.of("amount", "1.00", "reason", "slow charging", "reference",
                    "E2E-" + orderId);
            assertThat(api.post("/api/admin/orders/" + orderId + "/refunds", admin, refund).status()).isEqualTo(201);
            assertThat(api.post("/api/admin/orders/" + orderId + "/refunds", admin, refund).status()).isEqualTo(201);
            assertThat(order(sessionId, driver).path("status").asString()).isEqualTo("ADJUSTED");
            assertThat(balance(driver)).isEqualByComparingTo(new java.math.BigDecimal("21.00").subtract(due));
        }
    }

    @Test
    void the_order_api_is_published_as_openapi_through_the_gateway() {
        assertThat(api.get("/api-docs/order-service", null).status()).as("for admins only").isEqualTo(401);
        Response docs = api.get("/api-docs/order-service", admin);

        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        for (String path : List.of("/api/orders", "/api/orders/{orderId}", "/api/wallet", "/api/wallet/entries",
                "/api/wallet/top-ups", "/api/wallet/top-ups/{topUpId}", "/api/payments/webhook", "/api/admin/orders",
                "/api/admin/orders/{orderId}/refunds", "/api/admin/wallets/{userId}/credits")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    @Test
    void a_reconciliation_run_reports_the_transaction_nobody_billed_and_nothing_for_the_billed_session()
            throws Exception {
        // An operator of its own: its runs see nothing of the other tests' sessions.
        String operatorCode = newOperator();
        Instant from = Instant.now();
        String chargePointId = registerCharger(openStation(operatorCode));
        int ownTransaction;
        // The charger goes on charging when the central system answers a start on its own idTag Invalid.
        try (Simulator simulator = simulate(chargePointId, RemoteStartBehaviour.ACCEPT, false)) {
            SimulatedChargePoint charger = simulator.chargePoint(chargePointId);
            charger.awaitBooted(PATIENCE);
            String driver = driver();
            String sessionId = startSession(chargePointId + "-1", driver);
            await().atMost(PATIENCE).until(() -> api.get("/api/charging/sessions/" + sessionId, driver).json()
                    .path("energyWh").asLong() > 0);
            assertThat(api.post("/api/charging/sessions/" + sessionId + "/stop", driver, "").status()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "SETTLED".equals(order(sessionId, driver).path("status").asString()));

            // Someone charges on the charger's own idTag: no session, no order.
            await().atMost(PATIENCE).until(() -> charger.connectorStatus(1) == ConnectorStatus.AVAILABLE);
            charger.startTransaction(1, "OWN-" + chargePointId.substring(4));
            await().atMost(PATIENCE).until(() -> charger.transactionId(1).isPresent());
            ownTransaction = charger.transactionId(1).getAsInt();
            long meterStart = charger.meterRegisterWh(1);
            await().atMost(PATIENCE).until(() -> charger.meterRegisterWh(1) > meterStart);
            assertThat(charger.stopTransaction(1)).isTrue();
            // Both transactions stopped and the session's order priced, in reconciliation's own store
            // (the charger stays connected until its StopTransaction went through).
            await().atMost(Duration.ofSeconds(120)).until(() -> reconciliationCount("SELECT COUNT(*) FROM "
                    + "charger_transactions WHERE charge_point_id = ? AND stopped_at IS NOT NULL", chargePointId) == 2
                    && reconciliationCount("SELECT COUNT(*) FROM billed_orders WHERE charge_point_id = ? "
                            + "AND total IS NOT NULL", chargePointId) == 1);
        }
        Instant to = Instant.now().plus(Duration.ofMinutes(1));

        Response adminRun = api.post("/api/admin/reconciliation/runs", admin,
                Map.of("from", from.toString(), "to", to.toString(), "operatorCode", operatorCode));
        assertThat(adminRun.status()).as(adminRun.text()).isEqualTo(202);
        JsonNode missing = onlyMismatch(adminRun.field("runId"), admin);
        assertThat(missing.path("kind").asString()).isEqualTo("MISSING_ORDER");
        assertThat(missing.path("transactionId").asInt()).isEqualTo(ownTransaction);
        assertThat(missing.path("chargePointId").asString()).isEqualTo(chargePointId);
        assertThat(missing.path("sessionId").isNull()).as("no session").isTrue();
        assertThat(missing.path("status").asString()).isEqualTo("OPEN");

        // The station's operator sees the same, in a run of its own operator's.
        String operatorUser = "operator." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/admin/users", admin, Map.of("username", operatorUser, "password",
                "operator-password-1", "role", "OPERATOR", "operatorCode", operatorCode)).status()).isEqualTo(201);
        String operator = api.post("/api/auth/login", Map.of("username", operatorUser, "password",
                "operator-password-1")).field("accessToken");
        Response operatorRun = api.post("/api/admin/reconciliation/runs", operator,
                Map.of("from", from.toString(), "to", to.toString()));
        assertThat(operatorRun.status()).as(operatorRun.text()).isEqualTo(202);
        JsonNode again = onlyMismatch(operatorRun.field("runId"), operator);
        assertThat(again.path("mismatchId").asString()).isEqualTo(missing.path("mismatchId").asString());

        // The operator accepts it, with a note: recorded with who and why.
        String note = "test charge on the charger's own tag";
        Response accepted = api.post("/api/admin/reconciliation/mismatches/" + missing.path("mismatchId").asString()
                + "/resolve", operator, Map.of("action", "ACCEPT", "note", note));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode resolved = api.get("/api/admin/reconciliation/mismatches/" + missing.path("mismatchId").asString(),
                admin).json();
        assertThat(resolved.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(resolved.path("resolution").asString()).isEqualTo("ACCEPT");
        assertThat(resolved.path("note").asString()).isEqualTo(note);
        assertThat(resolved.path("resolvedBy").asString()).isEqualTo(api.get("/api/auth/me", operator).field("userId"));
        assertThat(resolved.path("resolvedAt").isString()).isTrue();
    }

    /** Starts a session as the app does, once the connector shows available to the driver. */
    private static String startSession(String connectorCode, String driver) {
        await().atMost(PATIENCE).until(() -> api.get("/api/chargers/" + connectorCode + "/auth", driver).json()
                .path("available").asBoolean());
        Response started = api.post("/api/charging/sessions", driver, Map.of("connectorCode", connectorCode));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return started.field("sessionId");
    }

    /**
     * Waits for a run to complete and returns its one mismatch: it checked the two transactions
     * and the one order, and only one of the three differs.
     */
    private static JsonNode onlyMismatch(String runId, String token) {
        JsonNode run = await().atMost(PATIENCE).until(() -> api.get("/api/admin/reconciliation/runs/" + runId, token)
                .json(), r -> !"RUNNING".equals(r.path("status").asString()));
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("progress").path("total").asLong()).as("transactions and orders checked").isEqualTo(3);
        assertThat(run.path("summary").path("matched").asLong()).isEqualTo(2);
        Map<String, Long> found = new HashMap<>();
        run.path("summary").path("mismatches").properties().forEach(kind -> {
            if (kind.getValue().asLong() > 0) {
                found.put(kind.getKey(), kind.getValue().asLong());
            }
        });
        assertThat(found).isEqualTo(Map.of("MISSING_ORDER", 1L));
        JsonNode items = api.get("/api/admin/reconciliation/mismatches?runId=" + runId, token).json().path("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** A count in reconciliation-service's own tables: what it has ingested so far. */
    private static long reconciliationCount(String sql, String chargePointId) throws SQLException {
        try (Connection connection = Infrastructure.get().rootConnection()) {
            connection.setCatalog("reconciliation");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, chargePointId);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        }
    }

    private static JsonNode order(String sessionId, String driver) {
        JsonNode items = api.get("/api/orders?sessionId=" + sessionId, driver).json().path("items");
        return items.isEmpty() ? JSON.createObjectNode() : items.get(0);
    }

    @Test
    void charging_service_killed_between_accepting_a_start_and_the_chargers_answer_still_gets_it_right()
            throws Exception {
        String chargePointId = registerCharger();
        try (Simulator simulator = simulate(chargePointId, RemoteStartBehaviour.ACCEPT_START_LATE)) {
            simulator.chargePoint(chargePointId).awaitBooted(PATIENCE);
            String driver = driver();
            String connectorCode = chargePointId + "-1";
            String sessionId = startSession(connectorCode, driver);
            charging.kill();
            // The charger answers and starts while charging-service is down; its events wait in the queue.
            await().atMost(PATIENCE).until(() -> simulator.chargePoint(chargePointId).hasTransaction(1));
            charging = charging.restart();

            await().atMost(PATIENCE).until(() -> "CHARGING".equals(api.get("/api/charging/sessions/" + sessionId,
                    driver).field("status")));
            assertThat(api.post("/api/charging/sessions/" + sessionId + "/stop", driver, "").status()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "COMPLETED".equals(api.get("/api/charging/sessions/" + sessionId,
                    driver).field("status")));
        }
    }

    /**
     * Every query of the Grafana dashboard and of the alert rules reads metrics some service
     * exports, once a session has run from start to settlement (meters registered on first use
     * exist then). A misspelt or renamed metric would leave a panel empty or an alert silent.
     */
    @Test
    void the_dashboard_and_the_alert_rules_read_only_metrics_the_services_export() throws Exception {
        Map<String, String> queries = MonitoringQueries.read();
        String chargePointId = registerCharger();
        try (Simulator simulator = simulate(chargePointId, RemoteStartBehaviour.ACCEPT)) {
            simulator.chargePoint(chargePointId).awaitBooted(PATIENCE);
            String driver = driver();
            String sessionId = startSession(chargePointId + "-1", driver);
            await().atMost(PATIENCE).until(() -> "CHARGING".equals(api.get("/api/charging/sessions/" + sessionId,
                    driver).field("status")));
            assertThat(api.post("/api/charging/sessions/" + sessionId + "/stop", driver, "").status()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "SETTLED".equals(order(sessionId, driver).path("status")
                    .asString("")));
        }

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            java.util.Set<String> exported = new java.util.TreeSet<>();
            for (ServiceProcess service : List.of(auth, device, charging, orders, reconciliation, gateway)) {
                Response scraped = new ApiClient(service.port()).get("/actuator/prometheus", null);
                assertThat(scraped.status()).as(service.url() + "/actuator/prometheus").isEqualTo(200);
                exported.addAll(MonitoringQueries.exposedNames(scraped.text()));
            }
            assertThat(exported).contains("messaging_outbox_oldest_age_seconds", "charging_sessions_active",
                    "ocpp_connections", "orders_settlements_total", "reconciliation_mismatches_open");
            assertThat(MonitoringQueries.unknownNames(queries, exported))
                    .as("queries (where -> names) reading metrics no service exports").isEmpty();
        });
    }

    private static String registerCharger() {
        return registerCharger(stationId);
    }

    private static String registerCharger(String station) {
        String chargePointId = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        Response registered = api.post("/api/admin/chargers", admin, Map.of("chargePointId", chargePointId,
                "stationId", station, "connectors", 1, "password", CHARGER_PASSWORD));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return chargePointId;
    }

    private static Simulator simulate(String chargePointId, RemoteStartBehaviour behaviour) {
        return simulate(chargePointId, behaviour, true);
    }

    private static Simulator simulate(String chargePointId, RemoteStartBehaviour behaviour,
            boolean stopTransactionOnInvalidId) {
        return Simulator.start(SimulatorConfig.builder().baseUrl("ws://127.0.0.1:" + gateway.port() + "/ocpp")
                .chargePointIds(List.of(chargePointId)).password(CHARGER_PASSWORD).connectorsPerCharger(1)
                .meterInterval(Duration.ofSeconds(1)).speedup(60).remoteStart(behaviour)
                .remoteStartDelay(Duration.ofSeconds(8)).stopTransactionOnInvalidId(stopTransactionOnInvalidId)
                .build());
    }

    private static String driver() {
        return driver("50.00");
    }

    /** A new driver whose wallet got {@code amount} through a top-up the payment provider reported. */
    private static String driver(String amount) {
        String username = "driver." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/auth/register", Map.of("username", username, "password", "driver-password-1"))
                .status()).isEqualTo(201);
        String token = api.post("/api/auth/login", Map.of("username", username, "password", "driver-password-1"))
                .field("accessToken");
        // Through the gateway, as the app would: ask for a top-up, the provider pays it and reports by webhook.
        topUp(token, amount);
        assertThat(api.get("/api/wallet", token).field("balance")).isEqualTo(amount);
        return token;
    }

    private static void topUp(String token, String amount) {
        Response topUp = api.post("/api/wallet/top-ups", token, Map.of("amount", amount));
        assertThat(topUp.status()).as(topUp.text()).isEqualTo(201);
        try (var provider = com.evplatform.paymentprovider.PaymentProvider.builder()
                .webhookUrl("http://127.0.0.1:" + gateway.port() + "/api/payments/webhook").secret(PAYMENT_SECRET)
                .build()) {
            assertThat(provider.succeed(topUp.field("topUpId"), amount, "CNY").delivery().status()).isEqualTo(200);
        }
    }

    /** The wallet's balance, checked against the sum of its whole ledger. */
    private static java.math.BigDecimal balance(String driver) {
        var balance = new java.math.BigDecimal(api.get("/api/wallet", driver).field("balance"));
        var sum = java.math.BigDecimal.ZERO;
        for (JsonNode entry : api.get("/api/wallet/entries?size=100", driver).json().path("items")) {
            sum = sum.add(new java.math.BigDecimal(entry.path("amount").asString()));
        }
        assertThat(sum).as("balance = sum of the ledger").isEqualByComparingTo(balance);
        assertThat(balance.signum()).isNotNegative();
        return balance;
    }

    /** Reads the session's Server-Sent Events through the gateway until the stream ends. */
    private static void follow(String sessionId, String token, List<JsonNode> snapshots) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                    + "/api/charging/sessions/" + sessionId + "/events")).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").GET().build();
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> snapshots.add(JSON.readTree(line.substring(5))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
