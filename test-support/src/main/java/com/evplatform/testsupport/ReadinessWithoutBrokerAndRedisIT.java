package com.evplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A business service whose RabbitMQ and Redis cannot be reached still serves its API: the
 * outbox keeps outgoing messages in the database and idempotency falls back to the inbox.
 * So it stays ready (an orchestrator keeps sending it requests and does not restart it),
 * while the health details and the {@code platform_dependency_up} metric show both
 * dependencies down (ADR 17). Both addresses are closed
 * ports for this test's own context only; the shared broker and Redis are not touched.
 *
 * <pre>{@code
 * @PlatformInfrastructure(schema = "orders")
 * class OrderServiceReadinessIT extends ReadinessWithoutBrokerAndRedisIT {
 * }
 * }</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.rabbitmq.port=1", "spring.rabbitmq.connection-timeout=500ms",
        "spring.data.redis.port=1", "spring.data.redis.connect-timeout=500ms"})
public abstract class ReadinessWithoutBrokerAndRedisIT {

    /** The port the service under test listens on. */
    @LocalServerPort
    protected int port;

    @Test
    protected void stays_ready_while_rabbitmq_and_redis_are_unreachable_and_says_so_in_its_health() {
        var readiness = HealthProbe.readiness(port);
        var health = HealthProbe.overall(port);

        assertThat(readiness.httpStatus()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.components()).containsEntry("db", "UP");
        assertThat(health.components())
                .containsEntry("db", "UP")
                .containsEntry("rabbit", "DOWN")
                .containsEntry("redis", "DOWN");
        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(HealthProbe.dependenciesUp(port))
                .containsEntry("db", 1.0)
                .containsEntry("rabbit", 0.0)
                .containsEntry("redis", 0.0);
        assertThat(HealthProbe.liveness(port).status()).isEqualTo("UP");
    }
}
