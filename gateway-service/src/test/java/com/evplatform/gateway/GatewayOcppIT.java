package com.evplatform.gateway;

import static com.evplatform.testsupport.RawCharger.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.RawCharger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Chargers connecting through the address they are given, {@code ws://<gateway>/ocpp/<id>}, to a
 * stand-in device-service that answers handshakes as device-service does (401 unknown or wrong
 * password, 400 without ocpp1.6, 429 and 503 with Retry-After, else 101 with ocpp1.6 and an echo
 * of every frame). The charger sees exactly that answer, never a 101 that is then closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayOcppIT {

    private static final String PASSWORD = "charger-key-0123456789";
    private static final int DEVICE_PORT = freePort();
    /** What the stand-in device-service saw of each handshake, by charger id. */
    private static final Map<String, Map<String, String>> SEEN = new ConcurrentHashMap<>();
    /** The close code of each connection as the stand-in device-service saw it, by charger id. */
    private static final Map<String, BlockingQueue<Integer>> CLOSED = new ConcurrentHashMap<>();
    private static DisposableServer device = deviceService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> Infrastructure.get().redis().host());
        registry.add("spring.data.redis.port", () -> Infrastructure.get().redis().port());
        registry.add("DEVICE_SERVICE_WS_URL", () -> "ws://127.0.0.1:" + DEVICE_PORT);
        registry.add("platform.gateway.ocpp.handshake-timeout", () -> "1s");
        registry.add("platform.gateway.ocpp.retry-after", () -> "5s");
        registry.add("platform.gateway.ocpp.retry-jitter", () -> "10s");
    }

    @AfterAll
    static void stop() {
        device.disposeNow();
    }

    @Test
    void an_accepted_charger_is_upgraded_with_exactly_ocpp16_and_its_frames_go_both_ways() {
        try (var charger = RawCharger.to(port, "CP-GOOD-1").password(PASSWORD).subprotocols("ocpp2.0.1", "ocpp1.6")
                .connect()) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
            assertThat(charger.exchange("[2,\"m1\",\"Heartbeat\",{}]")).isEqualTo("echo:[2,\"m1\",\"Heartbeat\",{}]");
        }
        Map<String, String> seen = SEEN.get("CP-GOOD-1");
        assertThat(seen.get("subprotocols")).contains("ocpp1.6");
        assertThat(seen.get("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void a_close_from_either_side_reaches_the_other() throws InterruptedException {
        var charger = RawCharger.connect(port, "CP-GOOD-6", PASSWORD);
        charger.send("close-me");
        assertThat(charger.closeCode()).isEqualTo(4000);

        try (var leaving = RawCharger.connect(port, "CP-GOOD-7", PASSWORD)) {
            assertThat(leaving.exchange("hello")).isEqualTo("echo:hello");
        }
        assertThat(closes("CP-GOOD-6").poll(10, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(closes("CP-GOOD-7").poll(10, TimeUnit.SECONDS)).as("the charger's own close").isEqualTo(1000);
    }

    /**
     * A charger sends its BootNotification right after the 101. Whichever event loop answers the
     * gateway's own handshake with device-service, that first frame must reach device-service
     * (it was lost when the charger was upgraded from device-service's connection's loop).
     */
    @Test
    void every_chargers_first_frame_reaches_device_service() {
        for (int i = 0; i < 200; i++) {
            try (var charger = RawCharger.connect(port, "CP-GOOD-FIRST-" + (i % 20), PASSWORD)) {
                assertThat(charger.exchange("boot-" + i)).as("connection %d", i).isEqualTo("echo:boot-" + i);
            }
        }
    }

    @Test
    void an_unknown_charger_and_a_wrong_password_get_401() {
        HttpResponse<?> unknown = refusal(() -> RawCharger.connect(port, "CP-NOBODY", PASSWORD));
        HttpResponse<?> wrong = refusal(() -> RawCharger.connect(port, "CP-GOOD-2", "not-the-password-at-all"));

        for (HttpResponse<?> refused : List.of(unknown, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
        }
    }

    @Test
    void a_charger_without_ocpp16_gets_400_and_its_other_subprotocols_are_never_echoed() {
        HttpResponse<?> refused = refusal(() -> RawCharger.to(port, "CP-GOOD-3").password(PASSWORD)
                .subprotocols("ocpp2.0.1").connect());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Sec-WebSocket-Protocol")).isEmpty();
        assertThat(refusal(() -> RawCharger.connectWithoutSubprotocol(port, "CP-GOOD-3", PASSWORD)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void device_service_refusing_for_load_or_attempts_is_passed_on_with_its_retry_after() {
        HttpResponse<?> full = refusal(() -> RawCharger.connect(port, "CP-FULL", PASSWORD));
        HttpResponse<?> limited = refusal(() -> RawCharger.connect(port, "CP-LIMITED", PASSWORD));

        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("9");
    }

    @Test
    void a_device_service_that_does_not_answer_in_time_gets_the_charger_a_503_within_the_timeout() {
        long started = System.nanoTime();
        HttpResponse<?> refused = refusal(() -> RawCharger.connect(port, "CP-SLOW", PASSWORD));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(5L, 15L);
        assertThat(took).as("answered at the 1 s handshake timeout, not after the upstream's 10 s")
                .isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void with_device_service_down_chargers_get_503_with_a_spread_of_retry_afters_and_connect_once_it_is_back() {
        device.disposeNow();
        try {
            var retryAfters = new java.util.HashSet<Long>();
            for (int i = 0; i < 8; i++) {
                HttpResponse<?> refused = refusal(() -> RawCharger.connect(port, "CP-GOOD-4", PASSWORD));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                retryAfters.add(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()));
            }
            assertThat(retryAfters).allSatisfy(seconds -> assertThat(seconds).isBetween(5L, 15L));
            assertThat(retryAfters).as("jittered, not one value for the whole fleet").hasSizeGreaterThan(1);
        } finally {
            device = deviceService();
        }
        try (var charger = RawCharger.connect(port, "CP-GOOD-4", PASSWORD)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
    }

    @Test
    void a_plain_http_request_on_the_ocpp_address_is_refused_without_reaching_device_service() throws Exception {
        var response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/ocpp/CP-GOOD-5")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("WEBSOCKET_REQUIRED");
        assertThat(SEEN).doesNotContainKey("CP-GOOD-5");
    }

    private static BlockingQueue<Integer> closes(String chargePointId) {
        return CLOSED.computeIfAbsent(chargePointId, id -> new LinkedBlockingQueue<>());
    }

    /** Answers handshakes as device-service does; chargers CP-GOOD-* are registered with {@link #PASSWORD}. */
    private static DisposableServer deviceService() {
        return HttpServer.create().host("127.0.0.1").port(DEVICE_PORT)
                .route(routes -> routes.get("/ocpp/{id}", GatewayOcppIT::handshake))
                .bindNow();
    }

    private static org.reactivestreams.Publisher<Void> handshake(HttpServerRequest request,
            HttpServerResponse response) {
        String id = request.param("id");
        var headers = request.requestHeaders();
        String subprotocols = headers.get("Sec-WebSocket-Protocol", "");
        SEEN.put(id, Map.of("subprotocols", subprotocols,
                "x-forwarded-for", headers.get("X-Forwarded-For", "")));
        return switch (id) {
            case "CP-SLOW" -> Mono.delay(Duration.ofSeconds(10)).then(response.status(503).send());
            case "CP-FULL" -> response.status(503).header("Retry-After", "7").send();
            case "CP-LIMITED" -> response.status(429).header("Retry-After", "9").send();
            default -> {
                String expected = "Basic " + Base64.getEncoder().encodeToString((id + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                if (!id.startsWith("CP-GOOD") || !expected.equals(headers.get("Authorization"))) {
                    yield response.status(401).header("WWW-Authenticate", "Basic realm=\"OCPP\"").send();
                }
                if (List.of(subprotocols.split(",")).stream().map(String::strip).noneMatch("ocpp1.6"::equals)) {
                    yield response.status(400).send();
                }
                yield response.sendWebsocket((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> closes(id).add(status.code()));
                    return in.receive().asString().concatMap(frame -> frame.equals("close-me")
                            ? out.sendClose(4000, "asked to") : out.sendString(Mono.just("echo:" + frame)).then())
                            .then();
                }, WebsocketServerSpec.builder().protocols("ocpp1.6").build());
            }
        };
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
