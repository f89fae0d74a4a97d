package com.evplatform.simulator.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.evplatform.simulator.Simulator;
import com.evplatform.simulator.SimulatorConfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real charging session, end to end, the way the app and a charger do it: an operator
 * sets up a station, a time-of-use tariff and a charger (idempotently), the simulator plays
 * the charger over OCPP through the gateway, and a driver logs in, resolves the QR code,
 * starts, follows the live stream, stops and reads the result. Run by {@code bin/platform demo}.
 *
 * <p>Exit code 0 only when the session completed with energy delivered.
 */
public final class PlatformDemo {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = "DEMOPOWER";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    /** The demo's charger and driver: one pair per checkout (see {@code --demo-id}). */
    private final String charger;
    private final String driverName;

    private final String paymentSecret;

    private PlatformDemo(String gateway, String demoId, String paymentSecret) {
        this.gateway = gateway;
        this.paymentSecret = paymentSecret;
        this.charger = "CP-DEMO-" + demoId;
        this.driverName = "demo-driver-" + demoId.toLowerCase(java.util.Locale.ROOT);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        // The database outlives a checkout, and the demo's charger and driver passwords live in the
        // checkout: each checkout (bin/platform generates its id once) has its own charger and driver.
        var demo = new PlatformDemo(options.getOrDefault("gateway", "http://localhost:8080"),
                options.getOrDefault("demo-id", "1"), required(options, "payment-secret"));
        boolean completed = demo.run(required(options, "admin-user"), required(options, "admin-password"),
                required(options, "charger-password"), required(options, "driver-password"),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("charge-seconds", "30"))));
        System.exit(completed ? 0 : 1);
    }

    private boolean run(String adminUser, String adminPassword, String chargerPassword, String driverPassword,
            Duration chargeFor) throws Exception {
        step("Logging in as the platform admin (%s)", adminUser);
        Answer login = post("/api/auth/login", null, Map.of("username", adminUser, "password", adminPassword));
        if (login.status() != 200) {
            fail("the admin cannot log in (%d). If the platform was started without this admin, run "
                    + "bin/platform down, then bin/platform demo.", login.status());
            return false;
        }
        String admin = login.text("accessToken");

        step("Operator %s, its station, a time-of-use tariff and charger %s", OPERATOR, charger);
        Answer operator = post("/api/admin/operators", admin, Map.of("code", OPERATOR, "name", "Demo Power"));
        expect(operator, 201, 409);
        String stationId = existingStation();
        boolean registered = stationId != null;
        if (!registered) {
            stationId = createStation(admin);
        }
        expect(put("/api/admin/stations/" + stationId + "/tariff", admin, Map.of("currency", "CNY", "segments",
                List.of(segment("00:00", "0.35", "0.40"), segment("08:00", "1.10", "0.60"),
                        segment("22:00", "0.35", "0.40")))), 200);
        if (!registered) {
            expect(post("/api/admin/chargers", admin, Map.of("chargePointId", charger, "stationId", stationId,
                    "connectors", 2, "password", chargerPassword, "vendor", "DemoCharge", "model", "AC22")), 201);
        }
        say("   station %s, tariff 00:00 0.75 / 08:00 1.70 / 22:00 0.75 CNY per kWh", stationId);

        step("Connecting the simulated charger to %s/ocpp/%s (OCPP 1.6J, 60x speed-up)", wsUrl(), charger);
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder().baseUrl(wsUrl() + "/ocpp")
                .chargePointIds(List.of(charger)).password(chargerPassword).connectorsPerCharger(2)
                .meterInterval(Duration.ofSeconds(2)).speedup(60).build())) {
            simulator.chargePoint(charger).awaitBooted(Duration.ofSeconds(30));
            say("   booted and Available");
            return charge(admin, driverPassword, chargeFor);
        }
    }

    private boolean charge(String admin, String driverPassword, Duration chargeFor) throws Exception {
        step("Driver %s logs in", driverName);
        Answer registered = post("/api/auth/register", null, Map.of("username", driverName,
                "password", driverPassword));
        expect(registered, 201, 409);
        Answer login = post("/api/auth/login", null, Map.of("username", driverName, "password", driverPassword));
        expect(login, 200);
        String driver = login.text("accessToken");
        stopLeftovers(driver);
        BigDecimal before = topUp(driver, new BigDecimal("50.00"));

        String scanned = "https://evplatform.example/c/" + charger + "-1";
        step("Scanning the QR code: %s", scanned);
        Answer resolved = get("/api/chargers/resolve?qr=" + URLEncoder.encode(scanned, StandardCharsets.UTF_8), null);
        expect(resolved, 200);
        String connector = resolved.text("connectorCode");
        say("   connector %s at %s (%s), operator %s", connector, resolved.json().path("station").path("name")
                .asString(), resolved.json().path("station").path("address").asString(),
                resolved.json().path("operator").path("name").asString());
        waitFor(() -> get("/api/chargers/" + connector + "/auth", driver).json().path("available").asBoolean(),
                Duration.ofSeconds(30), "the connector to be available");

        step("Starting a session");
        Answer started = post("/api/charging/sessions", driver, Map.of("connectorCode", connector),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        expect(started, 202);
        String sessionId = started.text("sessionId");
        say("   session %s is %s", sessionId, started.text("status"));

        AtomicReference<JsonNode> latest = new AtomicReference<>();
        Thread follower = Thread.ofVirtual().start(() -> follow(sessionId, driver, latest));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!status(latest).equals("CHARGING") && System.nanoTime() < until && follower.isAlive()) {
            Thread.sleep(200);
        }
        if (!status(latest).equals("CHARGING")) {
            fail("the session did not start charging: %s", latest.get());
            return false;
        }
        step("Charging for %d s (simulated time runs 60x faster)", chargeFor.toSeconds());
        Thread.sleep(chargeFor.toMillis());

        step("Stopping");
        expect(post("/api/charging/sessions/" + sessionId + "/stop", driver, Map.of()), 202);
        follower.join(Duration.ofSeconds(60));
        JsonNode last = get("/api/charging/sessions/" + sessionId, driver).json();
        summary(last);
        if (!"COMPLETED".equals(last.path("status").asString()) || last.path("energyWh").asLong() <= 0) {
            return false;
        }
        return billed(driver, sessionId, last, before) && reconciled(admin, last);
    }

    /**
     * The driver tops up through the payment provider: the app asks for a top-up, the provider
     * collects the money and tells the platform by a signed webhook.
     *
     * @return the wallet's balance after the top-up
     */
    private BigDecimal topUp(String driver, BigDecimal amount) throws Exception {
        step("Topping up the wallet with %s CNY through the payment provider", amount.toPlainString());
        Answer requested = post("/api/wallet/top-ups", driver, Map.of("amount", amount.toPlainString()));
        expect(requested, 201);
        String topUpId = requested.text("topUpId");
        try (var provider = com.evplatform.paymentprovider.PaymentProvider.builder()
                .webhookUrl(gateway + "/api/payments/webhook").secret(paymentSecret).build()) {
            var payment = provider.succeed(topUpId, amount, "CNY");
            if (payment.delivery().status() != 200) {
                fail("the platform refused the provider's webhook: %s", payment.delivery().summary());
                throw new IllegalStateException("top-up not credited");
            }
            say("   payment %s reported to the platform (signed webhook): %d", payment.paymentId(),
                    payment.delivery().status());
        }
        waitFor(() -> "SUCCEEDED".equals(get("/api/wallet/top-ups/" + topUpId, driver).text("status")),
                Duration.ofSeconds(10), "the top-up to succeed");
        JsonNode wallet = get("/api/wallet", driver).json();
        say("   wallet balance %s %s", wallet.path("balance").asString(), wallet.path("currency").asString());
        return new BigDecimal(wallet.path("balance").asString());
    }

    /** The session's order: priced per time-of-use segment, paid from the wallet. */
    private boolean billed(String driver, String sessionId, JsonNode session, BigDecimal before) throws Exception {
        step("The order");
        waitFor(() -> {
            JsonNode items = get("/api/orders?sessionId=" + sessionId, driver).json().path("items");
            return !items.isEmpty() && !"CHARGING".equals(items.get(0).path("status").asString());
        }, Duration.ofSeconds(15), "the order to be priced");
        JsonNode order = get("/api/orders?sessionId=" + sessionId, driver).json().path("items").get(0);
        for (JsonNode line : order.path("lines")) {
            say("   from %s  %8.3f kWh x (%s + %s) = %8s", line.path("segmentStart").asString(),
                    line.path("energyWh").asLong() / 1000.0, line.path("electricityFee").asString(),
                    line.path("serviceFee").asString(), line.path("amount").asString());
        }
        say("   total %s %s, paid %s, due %s: %s", order.path("totalAmount").asString(),
                order.path("currency").asString(), order.path("paidAmount").asString(),
                order.path("amountDue").asString(), order.path("status").asString());
        JsonNode wallet = get("/api/wallet", driver).json();
        BigDecimal balance = new BigDecimal(wallet.path("balance").asString());
        say("   wallet balance %s %s (was %s)", balance.toPlainString(), wallet.path("currency").asString(),
                before.toPlainString());
        BigDecimal total = new BigDecimal(order.path("totalAmount").asString());
        boolean right = "SETTLED".equals(order.path("status").asString())
                && total.compareTo(new BigDecimal(session.path("costSoFar").asString())) == 0
                && order.path("energyWh").asLong() == session.path("energyWh").asLong()
                && balance.compareTo(before.subtract(total)) == 0;
        if (!right) {
            fail("the order does not match the session or the wallet: %s", order);
        }
        return right;
    }

    /**
     * The operator's reconciliation over the session's time: the charger's transaction and the
     * order must match (energy, price, one order, one debit).
     */
    private boolean reconciled(String admin, JsonNode session) throws Exception {
        step("Reconciling %s's transactions and orders from the session's start until now", OPERATOR);
        Instant from = Instant.parse(session.path("startedAt").asString()).minusSeconds(60);
        Answer started = post("/api/admin/reconciliation/runs", admin, Map.of("from", from.toString(),
                "to", Instant.now().plusSeconds(60).toString(), "operatorCode", OPERATOR));
        expect(started, 202);
        String runId = started.text("runId");
        waitFor(() -> !"RUNNING".equals(get("/api/admin/reconciliation/runs/" + runId, admin).json().path("status")
                .asString()), Duration.ofSeconds(30), "the reconciliation run to finish");
        JsonNode run = get("/api/admin/reconciliation/runs/" + runId, admin).json();
        JsonNode summary = run.path("summary");
        say("   run %s %s: %d checked, %d matched, mismatches %s", runId, run.path("status").asString(),
                summary.path("checked").asLong(), summary.path("matched").asLong(), summary.path("mismatches"));
        for (JsonNode mismatch : get("/api/admin/reconciliation/mismatches?size=500&runId=" + runId, admin).json()
                .path("items")) {
            if (session.path("sessionId").asString().equals(mismatch.path("sessionId").asString())) {
                fail("reconciliation found a difference in this session: %s", mismatch);
                return false;
            }
        }
        if (!"COMPLETED".equals(run.path("status").asString())) {
            fail("the reconciliation run did not complete: %s", run);
            return false;
        }
        say("   the charger's transaction and the order agree");
        return true;
    }

    /** A previous demo run that was interrupted may have left the driver charging. */
    private void stopLeftovers(String driver) throws Exception {
        for (String status : List.of("CHARGING", "STARTING", "STOPPING")) {
            for (JsonNode session : get("/api/charging/sessions?status=" + status, driver).json().path("items")) {
                String id = session.path("sessionId").asString();
                if (status.equals("CHARGING")) {
                    post("/api/charging/sessions/" + id + "/stop", driver, Map.of());
                }
                say("   waiting for an earlier session %s (%s) to end", id, status);
                waitFor(() -> List.of("COMPLETED", "FAILED").contains(get("/api/charging/sessions/" + id, driver)
                        .json().path("status").asString()), Duration.ofSeconds(90), "the earlier session to end");
            }
        }
    }

    private void follow(String sessionId, String token, AtomicReference<JsonNode> latest) {
        var request = HttpRequest.newBuilder(URI.create(gateway + "/api/charging/sessions/" + sessionId + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        try {
            http.send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> {
                        JsonNode snapshot = JSON.readTree(line.substring(5));
                        latest.set(snapshot);
                        say("   %-9s %7.3f kWh %6s kW  SoC %3s %%  %8s CNY", snapshot.path("status").asString(),
                                snapshot.path("energyWh").asLong() / 1000.0, kilo(snapshot.path("powerW")),
                                snapshot.path("soc").isNull() ? "-" : snapshot.path("soc").asString(),
                                snapshot.path("costSoFar").isNull() ? "-" : snapshot.path("costSoFar").asString());
                    });
        } catch (IOException e) {
            say("   the live stream ended: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void summary(JsonNode session) {
        step("Result");
        say("   status        %s%s", session.path("status").asString(),
                session.path("stopReason").isNull() ? "" : " (stopped by " + session.path("stopReason").asString() + ")");
        say("   connector     %s", session.path("connectorCode").asString());
        say("   started       %s", session.path("startedAt").asString());
        say("   stopped       %s", session.path("stoppedAt").asString());
        say("   energy        %.3f kWh (meter %d -> %d Wh)", session.path("energyWh").asLong() / 1000.0,
                session.path("meterStartWh").asLong(),
                session.path("meterStartWh").asLong() + session.path("energyWh").asLong());
        say("   cost          %s %s", session.path("costSoFar").isNull() ? "0.00"
                : new BigDecimal(session.path("costSoFar").asString()).toPlainString(),
                session.path("tariff").path("currency").asString());
    }

    /** The station of the demo charger, if an earlier run registered it. */
    private String existingStation() throws Exception {
        Answer resolved = get("/api/chargers/resolve?qr=" + charger + "-1", null);
        return resolved.status() == 200 ? resolved.json().path("station").path("id").asString() : null;
    }

    private String createStation(String admin) throws Exception {
        AtomicReference<String> station = new AtomicReference<>();
        // device-service learns of a new operator from auth-service's event, a moment later.
        waitFor(() -> {
            Answer created = post("/api/admin/stations", admin, Map.of("name", "Riverside Car Park",
                    "address", "1 River Road", "latitude", 31.2304, "longitude", 121.4737, "operatorCode", OPERATOR));
            station.set(created.status() == 201 ? created.text("stationId") : null);
            return station.get() != null;
        }, Duration.ofSeconds(30), "device-service to know operator " + OPERATOR);
        return station.get();
    }

    private String wsUrl() {
        return gateway.replaceFirst("^http", "ws");
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        String text(String field) {
            return json().path(field).asString();
        }
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token, Map.of()).GET());
    }

    private Answer post(String path, String token, Object body) throws IOException, InterruptedException {
        return post(path, token, body, Map.of());
    }

    private Answer post(String path, String token, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(request(path, token, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private Answer put(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token, Map.of()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, Duration patience, String what) throws Exception {
        long until = System.nanoTime() + patience.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static void expect(Answer answer, int... statuses) {
        for (int status : statuses) {
            if (answer.status() == status) {
                return;
            }
        }
        throw new IllegalStateException("unexpected answer " + answer.status() + ": " + answer.body());
    }

    private static String status(AtomicReference<JsonNode> latest) {
        JsonNode node = latest.get();
        return node == null ? "" : node.path("status").asString();
    }

    private static String kilo(JsonNode watts) {
        return watts.isNull() || watts.isMissingNode() ? "-" : String.format("%.1f", watts.asLong() / 1000.0);
    }

    private static Map<String, Object> segment(String start, String electricity, String service) {
        return Map.of("start", start, "electricityFee", electricity, "serviceFee", service);
    }

    private static void step(String format, Object... args) {
        System.out.printf("%n==> " + format + "%n", args);
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }

    private static void fail(String format, Object... args) {
        System.out.printf("%nDEMO FAILED: " + format + "%n", args);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }
}
