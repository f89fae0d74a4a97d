package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.ServiceProcess;

/** The account journey as the app makes it: every call through the gateway to the real auth-service. */
class GatewayAuthFlowIT {

    private static ServiceProcess auth;
    private static ServiceProcess gateway;
    private static ApiClient api;

    @BeforeAll
    static void startPlatform() {
        var infrastructure = Infrastructure.get();
        Map<String, Object> authProperties = E2eAuthService.properties(infrastructure);
        auth = ServiceProcess.start("auth-service", authProperties);
        gateway = ServiceProcess.start("gateway-service", Map.of(
                "spring.data.redis.host", infrastructure.redis().host(),
                "spring.data.redis.port", infrastructure.redis().port(),
                "AUTH_SERVICE_URL", auth.url(),
                "platform.security.jwks-uri", auth.url() + "/api/auth/jwks"));
        api = new ApiClient(gateway.port());
    }

    @AfterAll
    static void stopPlatform() {
        if (gateway != null) {
            gateway.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void register_login_me_refresh_reuse_and_logout_through_the_gateway() throws Exception {
        String username = "e2e." + UUID.randomUUID().toString().substring(0, 8);
        Response registered = api.post("/api/auth/register", Map.of("username", username, "password", "e2e-password-1"));
        assertThat(registered.status()).isEqualTo(201);

        Response login = api.post("/api/auth/login", Map.of("username", username, "password", "e2e-password-1"));
        assertThat(login.status()).isEqualTo(200);
        String access = login.field("accessToken");

        // A forged identity header changes nothing: the gateway drops it, auth-service reads the token.
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/api/auth/me"))
                .header("Authorization", "Bearer " + access)
                .header("X-User-Id", UUID.randomUUID().toString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(registered.field("userId")).contains(username);

        Response rotated = api.post("/api/auth/refresh", Map.of("refreshToken", login.field("refreshToken")));
        assertThat(rotated.status()).isEqualTo(200);
        Response reused = api.post("/api/auth/refresh", Map.of("refreshToken", login.field("refreshToken")));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.field("code")).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", rotated.field("refreshToken"))).status())
                .as("the family is revoked").isEqualTo(401);

        Response again = api.post("/api/auth/login", Map.of("username", username, "password", "e2e-password-1"));
        assertThat(api.post("/api/auth/logout", again.field("accessToken"),
                Map.of("refreshToken", again.field("refreshToken"))).status()).isEqualTo(204);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", again.field("refreshToken"))).status())
                .isEqualTo(401);
    }

    @Test
    void the_auth_service_api_document_is_published_through_the_gateway_to_admins() {
        assertThat(api.get("/api-docs/auth-service", null).status()).isEqualTo(401);

        Response docs = api.get("/api-docs/auth-service", admin());

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.");
        assertThat(docs.json().path("paths").has("/api/auth/login")).isTrue();
        assertThat(docs.json().path("paths").has("/api/admin/operators")).isTrue();
    }

    @Test
    void the_gateway_refuses_missing_tokens_and_wrong_roles_before_the_service() {
        Response anonymous = api.get("/api/auth/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.field("code")).isEqualTo("UNAUTHENTICATED");

        String username = "e2e.driver." + UUID.randomUUID().toString().substring(0, 6);
        api.post("/api/auth/register", Map.of("username", username, "password", "e2e-password-1"));
        String driver = api.post("/api/auth/login", Map.of("username", username, "password", "e2e-password-1"))
                .field("accessToken");
        Response forbidden = api.post("/api/admin/operators", driver, Map.of("code", "E2EOPER01", "name", "x"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.field("code")).isEqualTo("FORBIDDEN");

        String admin = admin();
        String code = ("E" + UUID.randomUUID().toString().replace("-", "").toUpperCase()).substring(0, 9);
        assertThat(api.post("/api/admin/operators", admin, Map.of("code", code, "name", "E2E Charging")).status())
                .isEqualTo(201);
    }

    @Test
    void failed_logins_block_the_client_whatever_address_it_claims_and_no_other_client() {
        String username = "e2e.victim." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/auth/register", Map.of("username", username, "password", "e2e-password-1"))
                .status()).isEqualTo(201);
        InetAddress attacker = LoopbackClients.random();
        for (int i = 0; i < 20; i++) {
            Response guess = login(attacker, "e2e.nobody" + i + "." + UUID.randomUUID().toString().substring(0, 4),
                    "guess-" + i);
            assertThat(guess.status()).as(guess.text()).isEqualTo(401);
        }

        Response blocked = login(attacker, username, "e2e-password-1");
        assertThat(blocked.status()).as("each guess claimed a fresh address; all counted as the attacker's")
                .isEqualTo(429);
        assertThat(blocked.field("code")).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();

        assertThat(login(LoopbackClients.random(), username, "e2e-password-1").status()).isEqualTo(200);
    }

    /** A login through the gateway from {@code client}, claiming a made-up address of its own. */
    private static Response login(InetAddress client, String username, String password) {
        String claimed = "198.18." + ThreadLocalRandom.current().nextInt(256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", claimed)
                .header("Forwarded", "for=" + claimed)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}")).build();
        try (HttpClient http = HttpClient.newBuilder().localAddress(client).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String admin() {
        return api.post("/api/auth/login", Map.of("username", "e2e-admin", "password", "e2e-admin-password"))
                .field("accessToken");
    }
}
