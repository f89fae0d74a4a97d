package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

class ConnectFailureTest {

    private static final Instant NOW = Instant.parse("2026-12-03T21:00:00Z");

    @Test
    void readsDelaySecondsAndHttpDates() {
        assertThat(ConnectFailure.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(ConnectFailure.retryAfter(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(ConnectFailure.retryAfter("Thu, 03 Dec 2026 21:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(ConnectFailure.retryAfter("Thu, 03 Dec 2026 20:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatIsNeitherSecondsNorADate() {
        assertThat(ConnectFailure.retryAfter("", NOW)).isEmpty();
        assertThat(ConnectFailure.retryAfter("-5", NOW)).isEmpty();
        assertThat(ConnectFailure.retryAfter("soon", NOW)).isEmpty();
        assertThat(ConnectFailure.retryAfter("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void aRefusedHandshakeGivesItsStatusAndRetryAfter() {
        Throwable refused = new CompletionException(new WebSocketHandshakeException(response(503, Map.of("Retry-After", List.of("12")))));

        ConnectFailure failure = ConnectFailure.of(refused, NOW);

        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(failure.timedOut()).isFalse();
        assertThat(failure.reason()).contains("503");
    }

    @Test
    void aRefusalWithoutRetryAfterHasNoWait() {
        ConnectFailure failure = ConnectFailure.of(new WebSocketHandshakeException(response(401, Map.of())), NOW);

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void aTimeoutOrAnUnansweredConnectHasNoStatus() {
        ConnectFailure timeout = ConnectFailure.of(new CompletionException(new HttpConnectTimeoutException("timed out")), NOW);
        ConnectFailure refusedPort = ConnectFailure.of(new CompletionException(new ConnectException("Connection refused")), NOW);

        assertThat(timeout.timedOut()).isTrue();
        assertThat(timeout.status()).isZero();
        assertThat(refusedPort.timedOut()).isFalse();
        assertThat(refusedPort.status()).isZero();
        assertThat(refusedPort.reason()).isEqualTo("ConnectException: Connection refused");
    }

    private static HttpResponse<String> response(int status, Map<String, List<String>> headers) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("http://127.0.0.1/ocpp/CP-1")).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (name, value) -> true);
            }

            @Override
            public String body() {
                return null;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return request().uri();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
