package com.evplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.Infrastructure;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The gateway in front of stand-in upstreams (a small HTTP server that publishes a JWKS and
 * echoes what it receives), on the real Redis: token checks, identity headers, rate limits,
 * time limits and circuit breakers. The full flow with the real auth-service lives in the
 * platform's end-to-end tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayEdgeIT {

    private static final RSAKey KEY = generateKey("platform-key");
    private static final RSAKey STRANGER = generateKey("stranger-key");
    private static final HttpServer UPSTREAM = upstream(freePort());
    private static final int DOWN_PORT = freePort();
    private static final int FLAKY_PORT = freePort();
    private static HttpServer flaky = upstream(FLAKY_PORT);

    @LocalServerPort
    int port;
    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String upstream = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        registry.add("spring.data.redis.host", () -> Infrastructure.get().redis().host());
        registry.add("spring.data.redis.port", () -> Infrastructure.get().redis().port());
        registry.add("platform.security.jwks-uri", () -> upstream + "/jwks");
        registry.add("platform.gateway.upstream-timeout", () -> "1s");
        registry.add("platform.gateway.open-circuit-wait", () -> "2s");
        registry.add("GATEWAY_MAX_REQUEST_SIZE", () -> "4KB");
        registry.add("APP_ORIGINS", () -> "https://app.example.com");
        registry.add("CHARGING_SERVICE_URL", () -> upstream);
        registry.add("AUTH_SERVICE_URL", () -> upstream);
        registry.add("DEVICE_SERVICE_URL", () -> "http://127.0.0.1:" + DOWN_PORT);
        registry.add("RECONCILIATION_SERVICE_URL", () -> "http://127.0.0.1:" + FLAKY_PORT);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
        flaky.stop(0);
    }

    @Test
    void a_valid_token_is_routed_with_the_verified_identity_and_forged_headers_dropped() {
        String user = UUID.randomUUID().toString();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + port + "/api/charging/sessions/s1"))
                .header("Authorization", "Bearer " + token(KEY, user, "ev-platform", List.of("DRIVER"), 300))
                .header("X-User-Id", "someone-else")
                .header("X-User-Roles", "ADMIN")
                .GET().build();
        var response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> seen = parse(response.body());
        assertThat(seen).containsEntry("x-user-id", user).containsEntry("x-user-roles", "DRIVER");
        assertThat(seen.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(seen.get("authorization")).startsWith("Bearer ");
    }

    @Test
    void services_are_told_the_address_the_client_connected_from_whatever_the_client_claims() throws Exception {
        // Any 127.x.y.z is this machine on Linux: a client with an address of its own.
        String client = "127.0." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(2, 255);
        var http = java.net.http.HttpClient.newBuilder().localAddress(InetAddress.getByName(client)).build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.8")
                .header("X-Real-IP", "203.0.113.9")
                .header("X-Forwarded-Host", "evil.example.com")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        Map<String, String> seen = parse(http.send(request, HttpResponse.BodyHandlers.ofString()).body());

        assertThat(seen).containsEntry("x-forwarded-for", client)
                .doesNotContainKeys("forwarded", "x-real-ip", "x-forwarded-host");
    }

    @Test
    void bad_tokens_get_401_problems_and_public_routes_need_none() {
        var api = new ApiClient(port);
        String user = UUID.randomUUID().toString();
        String algNone = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"" + user + "\",\"iss\":\"ev-platform\","
                + "\"roles\":[\"ADMIN\"],\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}") + ".";
        List<String> bad = List.of(token(KEY, user, "ev-platform", List.of("DRIVER"), -60),
                token(STRANGER, user, "ev-platform", List.of("DRIVER"), 300),
                token(KEY, user, "somebody-else", List.of("DRIVER"), 300), algNone, "garbage");
        for (String token : bad) {
            assertProblem(api.get("/api/charging/sessions", token), 401, "UNAUTHENTICATED");
        }
        assertProblem(api.get("/api/charging/sessions", null), 401, "UNAUTHENTICATED");
        assertThat(api.post("/api/auth/login", Map.of("username", "a", "password", "b")).status()).isEqualTo(200);
    }

    @Test
    void a_driver_on_an_admin_route_is_forbidden() {
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        assertProblem(new ApiClient(port).get("/api/admin/sessions", driver), 403, "FORBIDDEN");
        String admin = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("ADMIN"), 300);
        assertThat(new ApiClient(port).get("/api/admin/sessions", admin).status()).isEqualTo(200);
    }

    @Test
    void a_burst_of_session_starts_above_the_bucket_gets_429_with_retry_after_and_no_5xx() {
        var api = new ApiClient(port);
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        // The bucket holds 5 starts and gains one a second: send until refused, however slow the machine.
        List<Response> responses = new ArrayList<>();
        long began = System.nanoTime();
        while (responses.size() < 200 && responses.stream().noneMatch(r -> r.status() == 429)) {
            responses.add(api.post("/api/charging/sessions", driver, Map.of("connectorCode", "C1")));
        }
        long refilled = Duration.ofNanos(System.nanoTime() - began).toSeconds() + 1;
        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));

        assertThat(byStatus.keySet()).containsOnly(200, 429);
        assertThat(byStatus.get(200)).isBetween(5L, 5L + refilled);
        Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        // Another driver has a bucket of its own.
        String other = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        assertThat(api.post("/api/charging/sessions", other, Map.of("connectorCode", "C1")).status()).isEqualTo(200);
    }

    @Test
    void a_service_that_is_down_or_too_slow_gets_a_503_naming_it_within_the_time_limit() {
        var api = new ApiClient(port);
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);

        assertProblem(api.get("/api/chargers/C1/auth", driver), 503, "DEVICE_SERVICE_UNAVAILABLE");

        long started = System.nanoTime();
        Response slow = api.get("/api/charging/slow", driver);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(slow, 503, "CHARGING_SERVICE_UNAVAILABLE");
        assertThat(took).as("answered at the 1 s limit, not after the upstream's 3 s").isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void the_circuit_opens_after_failures_and_closes_again_when_the_service_is_back() throws Exception {
        var api = new ApiClient(port);
        String admin = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("ADMIN"), 300);
        assertThat(api.get("/api/admin/reconciliation/runs/1", admin).status()).isEqualTo(200);

        flaky.stop(0);
        for (int i = 0; i < 6; i++) {
            assertProblem(api.get("/api/admin/reconciliation/runs/1", admin), 503, "RECONCILIATION_SERVICE_UNAVAILABLE");
        }
        assertThat(breaker("reconciliation-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        flaky = upstream(FLAKY_PORT);
        Thread.sleep(Duration.ofMillis(2_200));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/admin/reconciliation/runs/1", admin).status()).isEqualTo(200);
        }
        assertThat(breaker("reconciliation-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413_before_reaching_the_service() {
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        Response tooLarge = new ApiClient(port).post("/api/charging/other", driver,
                Map.of("padding", "x".repeat(8 * 1024)));

        assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void the_app_origin_may_call_the_api_from_a_browser_and_others_may_not() {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/charging/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").build());
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/charging/sessions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST").build());

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void the_api_documents_and_the_swagger_ui_are_for_admins_only() {
        var api = new ApiClient(port);
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        String operator = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("OPERATOR"), 300);
        String admin = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("ADMIN"), 300);
        for (String path : List.of("/v3/api-docs/swagger-config", "/swagger-ui/index.html", "/swagger-ui.html",
                "/api-docs/charging-service", "/api-docs/auth-service")) {
            assertProblem(api.get(path, null), 401, "UNAUTHENTICATED");
            assertProblem(api.get(path, driver), 403, "FORBIDDEN");
            assertProblem(api.get(path, operator), 403, "FORBIDDEN");
        }

        Response config = api.get("/v3/api-docs/swagger-config", admin);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("urls").valueStream().map(url -> url.path("name").asString()).toList())
                .containsExactlyInAnyOrder("auth-service", "device-service", "charging-service", "order-service",
                        "reconciliation-service");
        assertThat(api.get("/swagger-ui/index.html", admin).status()).isEqualTo(200);
        Response chargingDocs = api.get("/api-docs/charging-service", admin);
        assertThat(chargingDocs.status()).isEqualTo(200);
        assertThat(chargingDocs.json()).isNotNull();
    }

    @Test
    void only_the_liveness_and_readiness_probes_are_public_among_the_actuator_endpoints() {
        var api = new ApiClient(port);
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);

        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        String admin = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("ADMIN"), 300);
        for (String path : List.of("/actuator/health", "/actuator/health/redis", "/actuator/info",
                "/actuator/metrics", "/actuator/prometheus", "/actuator")) {
            assertProblem(api.get(path, null), 401, "UNAUTHENTICATED");
            assertProblem(api.get(path, driver), 403, "FORBIDDEN");
        }
        // Nor does a path that climbs out of a public route reach a service's own actuator endpoints.
        for (String path : List.of("/api/auth/jwks/../../../actuator/prometheus",
                "/api/auth/jwks/%2e%2e/%2e%2e/%2e%2e/actuator/prometheus", "/api/auth/jwks/..%2f..%2f..%2factuator")) {
            Response climbing = api.get(path, driver);
            assertThat(climbing.status()).as(path + " " + climbing.text()).isIn(400, 404);
        }
        Response prometheus = api.get("/actuator/prometheus", admin);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/health", admin).json().path("components").has("redis")).isTrue();
    }

    @Test
    void every_kind_of_answer_carries_the_security_headers() {
        var api = new ApiClient(port);
        String driver = token(KEY, UUID.randomUUID().toString(), "ev-platform", List.of("DRIVER"), 300);
        Map<String, Response> answers = Map.of(
                "routed to a service", api.post("/api/auth/login", Map.of("username", "a", "password", "b")),
                "refused by the gateway", api.get("/api/charging/sessions", null),
                "its own endpoint", api.get("/actuator/health/liveness", null),
                "a fallback", api.get("/api/chargers/C1/auth", driver));

        answers.forEach((kind, response) -> {
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).as(kind).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(kind).hasValue("DENY");
            assertThat(headers.firstValue("Content-Security-Policy")).as(kind).hasValue("frame-ancestors 'none'");
            assertThat(headers.firstValue("Referrer-Policy")).as(kind).hasValue("no-referrer");
            assertThat(headers.firstValue("Strict-Transport-Security")).as("%s over plain HTTP", kind).isEmpty();
        });
    }

    @Test
    void an_answer_over_https_tells_browsers_to_stay_on_https(@Autowired ApplicationContext context) {
        WebTestClient.bindToApplicationContext(context).configureClient().baseUrl("https://gateway.example").build()
                .get().uri("/actuator/health/liveness").exchange()
                .expectHeader().value("Strict-Transport-Security",
                        hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    }

    private CircuitBreaker breaker(String name) {
        return circuitBreakers.getCircuitBreakerRegistry().circuitBreaker(name);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("code")).isEqualTo(code);
        assertThat(response.field("traceId")).matches("[0-9a-f]{32}");
    }

    private static String token(RSAKey key, String subject, String issuer, List<String> roles, long validSeconds) {
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        Instant now = Instant.now();
        var claims = JwtClaimsSet.builder().issuer(issuer).subject(subject)
                .issuedAt(validSeconds > 0 ? now : now.minusSeconds(600))
                .expiresAt(now.plusSeconds(validSeconds)).claim("roles", roles).build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** Publishes the JWKS, echoes request headers as JSON, and is slow on /api/charging/slow. */
    private static HttpServer upstream(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/jwks", exchange -> reply(exchange, 200,
                    new JWKSet(KEY.toPublicJWK()).toString()));
            server.createContext("/api/charging/slow", exchange -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, 200, "{}");
            });
            server.createContext("/", exchange -> reply(exchange, 200, exchange.getRequestHeaders().entrySet().stream()
                    .map(e -> "\"" + e.getKey().toLowerCase() + "\":\"" + String.join(",", e.getValue())
                            .replace("\"", "'") + "\"")
                    .collect(Collectors.joining(",", "{", "}"))));
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> parse(String json) {
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        Map<String, String> map = new java.util.HashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RSAKey generateKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
