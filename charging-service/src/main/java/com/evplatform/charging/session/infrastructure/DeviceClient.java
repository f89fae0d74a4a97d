package com.evplatform.charging.session.infrastructure;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

import com.evplatform.charging.session.application.Devices;
import com.evplatform.service.support.refusal.Refusal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The two synchronous calls of a start (ARCHITECTURE.md section 2): which connector was
 * scanned and whether it can start now. Each has a time limit and goes through one circuit
 * breaker; an unreachable, slow or failing device-service is a 503 DEVICE_SERVICE_UNAVAILABLE
 * for the driver, a 404 from it is CONNECTOR_NOT_FOUND.
 */
@Component
public class DeviceClient implements Devices {

    private final Upstream upstream;

    DeviceClient(@Value("${platform.charging.device-service-url}") String baseUrl,
            @Value("${platform.charging.device-timeout:2s}") Duration timeout) {
        this.upstream = new Upstream("device-service", baseUrl, timeout);
    }

    @Override
    public Connector resolve(String connectorCode) {
        return call(() -> upstream.http().get().uri("/api/chargers/resolve?qr={code}", connectorCode).retrieve()
                .body(Connector.class));
    }

    /** Asked with the driver's own token: device-service checks it like any other call. */
    @Override
    public Availability availability(String connectorCode, String bearerToken) {
        return call(() -> upstream.http().get().uri("/api/chargers/{code}/auth", connectorCode)
                .header("Authorization", "Bearer " + bearerToken).retrieve().body(Availability.class));
    }

    public CircuitBreaker.State circuitState() {
        return upstream.circuitState();
    }

    private <T> T call(Supplier<T> request) {
        return upstream.call(() -> {
            try {
                return request.get();
            } catch (HttpClientErrorException.NotFound e) {
                throw Refusal.notFound("CONNECTOR_NOT_FOUND", "No such connector");
            } catch (HttpClientErrorException e) {
                throw upstream.refused(e);
            }
        });
    }
}
