package com.evplatform.service.support.health;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The state of what a business service depends on as a metric, {@code platform_dependency_up}
 * with a {@code dependency} tag ({@code db}, {@code rabbit}, {@code redis}): 1 while its health
 * indicator says UP, else 0. Readiness leaves RabbitMQ and Redis out (ADR 17), so this and
 * {@code /actuator/health} are where their outages show. Each scrape asks the indicators afresh.
 */
public class DependencyHealthMetrics implements MeterBinder {

    static final List<String> DEPENDENCIES = List.of("db", "rabbit", "redis");

    // Looked up at scrape time: the health endpoint is built after the meter registry.
    private final ObjectProvider<HealthEndpoint> health;

    public DependencyHealthMetrics(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String dependency : DEPENDENCIES) {
            Gauge.builder("platform.dependency.up", () -> up(dependency))
                    .tag("dependency", dependency)
                    .description("1 while the dependency's health indicator is UP, else 0")
                    .register(registry);
        }
    }

    private double up(String dependency) {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor descriptor = endpoint == null ? null : endpoint.healthForPath(dependency);
        if (descriptor == null) {
            return Double.NaN;
        }
        return Status.UP.equals(descriptor.getStatus()) ? 1 : 0;
    }
}
