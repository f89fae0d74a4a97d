package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** A central system that refuses handshakes with 503 and a {@code Retry-After}: the charge point waits that long. */
class RetryAfterIT {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private HttpServer refusing;
    private Simulator simulator;

    @BeforeEach
    void startRefusingServer() throws IOException {
        refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/ocpp/", exchange -> {
            attempts.add(System.nanoTime());
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()));
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        refusing.start();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        refusing.stop(0);
    }

    @Test
    void aRefusedChargePointWaitsForRetryAfterInsteadOfItsBackoff() {
        simulator = Simulator.start(SimulatorConfig.builder()
                .baseUrl("ws://127.0.0.1:" + refusing.getAddress().getPort() + "/ocpp")
                .chargePointIds(List.of("CP-REFUSED"))
                .password("key-of-CP-REFUSED")
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(200))
                .closeTimeout(Duration.ofSeconds(3))
                .build());

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.size() >= 3);

        for (int i = 1; i < 3; i++) {
            assertThat(Duration.ofNanos(attempts.get(i) - attempts.get(i - 1)))
                    .as("wait before attempt %d", i + 1).isGreaterThanOrEqualTo(RETRY_AFTER);
        }
        SimulatorStats stats = simulator.stats();
        assertThat(stats.handshakesRefused()).containsOnlyKeys(503);
        assertThat(stats.handshakesRefused().get(503)).isGreaterThanOrEqualTo(2L);
        assertThat(stats.connected()).isZero();
        assertThat(stats.lastConnectError()).contains("503");
    }
}
