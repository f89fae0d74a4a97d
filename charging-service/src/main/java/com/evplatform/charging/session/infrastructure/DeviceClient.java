package com.evplatform.charging.session.infrastructure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import com.evplatform.charging.session.application.Devices;
import com.evplatform.charging.session.application.SessionRefused;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * The two synchronous calls of a start (ARCHITECTURE.md section 2): which connector was
 * scanned and whether it can start now. Each has a time limit and goes through one circuit
 * breaker; an unreachable, slow or failing device-service is a 503 DEVICE_SERVICE_UNAVAILABLE
 * for the driver, a 404 from it is CONNECTOR_NOT_FOUND.
 */
@Component
public class DeviceClient implements Devices {

    private final RestClient http;
    private final CircuitBreaker breaker;

    DeviceClient(@Value("${platform.charging.device-service-url}") String baseUrl,
            @Value("${platform.charging.device-timeout:2s}") Duration timeout) {
        var client = HttpClient.newBuilder().connectTimeout(timeout).build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
        this.breaker = CircuitBreaker.of("device-service", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .ignoreExceptions(SessionRefused.class)
                .build());
    }

    @Override
    public Connector resolve(String connectorCode) {
        return call(() -> http.get().uri("/api/chargers/resolve?qr={code}", connectorCode).retrieve()
                .body(Connector.class));
    }

    /** Asked with the driver's own token: device-service checks it like any other call. */
    @Override
    public Availability availability(String connectorCode, String bearerToken) {
        return call(() -> http.get().uri("/api/chargers/{code}/auth", connectorCode)
                .header("Authorization", "Bearer " + bearerToken).retrieve().body(Availability.class));
    }

    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return request.get();
                } catch (HttpClientErrorException.NotFound e) {
                    throw SessionRefused.notFound("CONNECTOR_NOT_FOUND", "No such connector");
                } catch (HttpClientErrorException e) {
                    // device-service answered and refused the request: not an outage, so not a failure
                    // for the circuit. The caller's credentials refused stay 401/403; anything else is ours.
                    int code = e.getStatusCode().value();
                    SessionRefused.Kind kind = code == 401 ? SessionRefused.Kind.UNAUTHENTICATED
                            : code == 403 ? SessionRefused.Kind.FORBIDDEN : SessionRefused.Kind.UPSTREAM_REFUSED;
                    throw new SessionRefused(kind, "DEVICE_SERVICE_REFUSED",
                            "device-service refused the request (" + code + ")");
                }
            });
        } catch (SessionRefused e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw unavailable("device-service is failing; its circuit is open");
        } catch (RuntimeException e) {
            throw unavailable("device-service did not answer in time: " + e.getClass().getSimpleName());
        }
    }

    private static SessionRefused unavailable(String detail) {
        return new SessionRefused(SessionRefused.Kind.UNAVAILABLE, "DEVICE_SERVICE_UNAVAILABLE", detail);
    }
}
