package com.evplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;

/**
 * How often one may try to log in, and how long a login lasts. Login throttling per username
 * and per client address runs on the real Redis: 127.0.0.1 plays the
 * gateway (the one trusted proxy here) and says who the client is in X-Forwarded-For; any other
 * 127.x.y.z address (all of them this machine, on Linux) is a client calling auth-service
 * directly. Client addresses are random, so reruns within the window start afresh.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.auth.trusted-proxies=127.0.0.1",
        "platform.auth.login.max-failures-per-user=5",
        "platform.auth.login.max-failures-per-address=20",
        "platform.auth.login.window=10m",
        "platform.auth.refresh-token-max-age=4s",
        "platform.auth.dev-key-file=${java.io.tmpdir}/ev-platform-test/auth-signing-key.pem"})
@PlatformInfrastructure(schema = "auth")
class LoginLimitsIT {

    private static final InetAddress GATEWAY = address("127.0.0.1");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    String suffix;

    @BeforeEach
    void setUp() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void twenty_failed_logins_from_one_address_do_not_block_logins_from_another() {
        String username = register("victim." + suffix);
        String attacker = randomPublicAddress();
        for (int i = 0; i < 20; i++) {
            assertCode(login(GATEWAY, attacker, "nobody" + i + "." + suffix, "guess-" + i), 401, "BAD_CREDENTIALS");
        }
        assertCode(login(GATEWAY, attacker, username, "correct-horse-1"), 429, "TOO_MANY_ATTEMPTS");

        assertThat(login(GATEWAY, randomPublicAddress(), username, "correct-horse-1").status()).isEqualTo(200);
    }

    @Test
    void a_client_naming_another_address_in_x_forwarded_for_gets_no_fresh_bucket() {
        InetAddress client = randomLoopbackClient();
        for (int i = 0; i < 20; i++) {
            assertCode(login(client, randomPublicAddress(), "nobody" + i + "." + suffix, "guess"), 401,
                    "BAD_CREDENTIALS");
        }

        assertCode(login(client, randomPublicAddress(), "anybody." + suffix, "guess"), 429, "TOO_MANY_ATTEMPTS");
        assertCode(login(client, null, "anybody." + suffix, "guess"), 429, "TOO_MANY_ATTEMPTS");
    }

    @Test
    void parallel_wrong_passwords_for_one_user_never_get_past_the_limit() throws Exception {
        String username = register("target." + suffix);
        int guesses = 30;
        var ready = new CountDownLatch(guesses);
        var go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                String password = "guess-" + i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return login(GATEWAY, randomPublicAddress(), username, password);
                }));
            }
            ready.await();
            go.countDown();
        }
        Map<Integer, Long> byStatus = answers.stream().map(LoginLimitsIT::get)
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));

        assertThat(byStatus).as("at most 5 guesses were checked, the rest refused unchecked")
                .containsOnlyKeys(401, 429).containsEntry(401, 5L).containsEntry(429, 25L);
        assertCode(login(GATEWAY, randomPublicAddress(), username, "correct-horse-1"), 429, "TOO_MANY_ATTEMPTS");
    }

    @Test
    void successful_logins_do_not_use_up_the_address() {
        String username = register("regular." + suffix);
        String office = randomPublicAddress();
        for (int i = 0; i < 25; i++) {
            assertThat(login(GATEWAY, office, username, "correct-horse-1").status()).isEqualTo(200);
        }
        assertCode(login(GATEWAY, office, "nobody." + suffix, "guess"), 401, "BAD_CREDENTIALS");
    }

    @Test
    void refreshing_never_keeps_a_login_alive_past_its_maximum_age() {
        String username = register("steady." + suffix);
        var api = new ApiClient(port);
        var current = new AtomicReference<>(login(GATEWAY, randomPublicAddress(), username, "correct-horse-1")
                .field("refreshToken"));
        var rotations = new AtomicInteger();
        var refusal = new AtomicReference<Response>();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", current.get()));
            if (refreshed.status() == 200) {
                current.set(refreshed.field("refreshToken"));
                rotations.incrementAndGet();
                return false;
            }
            refusal.set(refreshed);
            return true;
        });

        assertThat(rotations.get()).as("rotated while the login was young").isPositive();
        assertCode(refusal.get(), 401, "INVALID_REFRESH_TOKEN");
        Map<String, Object> family = jdbc.queryForMap("""
                SELECT COUNT(*) AS tokens, COUNT(DISTINCT t.family_expires_at) AS ends,
                       TIMESTAMPDIFF(MICROSECOND, MIN(t.issued_at), MAX(t.expires_at)) AS lifespan
                FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username_key = ?""",
                username.toLowerCase(Locale.ROOT));
        assertThat(((Number) family.get("tokens")).longValue()).isEqualTo(rotations.get() + 1L);
        assertThat(((Number) family.get("ends")).longValue()).as("one end for the whole family").isEqualTo(1);
        assertThat(((Number) family.get("lifespan")).longValue()).as("no token outlives the login's 4 s")
                .isLessThanOrEqualTo(4_000_000L);
    }

    private String register(String username) {
        assertThat(new ApiClient(port).post("/api/auth/register", Map.of("username", username,
                "password", "correct-horse-1")).status()).isEqualTo(201);
        return username;
    }

    /** A login sent from {@code from}, with {@code forwardedFor} as X-Forwarded-For when not null. */
    private Response login(InetAddress from, String forwardedFor, String username, String password) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try (HttpClient http = HttpClient.newBuilder().localAddress(from).build()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertCode(Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.field("code")).isEqualTo(code);
    }

    /** An address in 198.18.0.0/15 (set aside for tests), a different one each call. */
    private static String randomPublicAddress() {
        var random = ThreadLocalRandom.current();
        return "198." + random.nextInt(18, 20) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static InetAddress randomLoopbackClient() {
        var random = ThreadLocalRandom.current();
        return address("127." + random.nextInt(1, 255) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
