package com.evplatform.charging.session.infrastructure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;


import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import com.evplatform.service.support.refusal.Refusal;

/**
 * Another platform service a start asks synchronously (ARCHITECTURE.md section 2): one HTTP
 * client with a time limit and one circuit breaker per service. A refusal it answers
 * ({@link Refusal}) is not an outage; anything else (unreachable, too slow, 5xx, circuit
 * open) is a 503 {@code <SERVICE>_UNAVAILABLE} for the driver.
 */
final class Upstream {

    private final String name;
    private final String codePrefix;
    private final RestClient http;
    private final CircuitBreaker breaker;

    /** @param name the service's name, e.g. {@code device-service}: its codes are DEVICE_SERVICE_* */
    Upstream(String name, String baseUrl, Duration timeout) {
        this.name = name;
        this.codePrefix = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        var client = HttpClient.newBuilder().connectTimeout(timeout).build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .ignoreExceptions(Refusal.class)
                .build());
    }

    RestClient http() {
        return http;
    }

    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** The request through the breaker; a {@link Refusal} it throws passes unchanged. */
    <T> T call(Supplier<T> request) {
        try {
            return breaker.executeSupplier(request);
        } catch (Refusal e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw unavailable(name + " is failing; its circuit is open");
        } catch (RuntimeException e) {
            throw unavailable(name + " did not answer in time or failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The service answered and refused the request: not an outage, so not a failure for the
     * circuit. The caller's credentials refused stay 401/403; anything else is ours (502).
     */
    Refusal refused(HttpClientErrorException e) {
        int code = e.getStatusCode().value();
        Refusal.Kind kind = code == 401 ? Refusal.Kind.UNAUTHENTICATED
                : code == 403 ? Refusal.Kind.FORBIDDEN : Refusal.Kind.UPSTREAM_REFUSED;
        return new Refusal(kind, codePrefix + "_REFUSED", name + " refused the request (" + code + ")");
    }

    private Refusal unavailable(String detail) {
        return new Refusal(Refusal.Kind.UNAVAILABLE, codePrefix + "_UNAVAILABLE", detail);
    }
}
