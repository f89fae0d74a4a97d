package com.evplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A business service boots against the real infrastructure (its own schema and DB user,
 * RabbitMQ, Redis) and reports ready and live, as an orchestrator's probes would see it.
 * A service's test names its schema and inherits the rest:
 *
 * <pre>{@code
 * @PlatformInfrastructure(schema = "auth")
 * class AuthServiceBootIT extends ServiceBootIT {
 * }
 * }</pre>
 *
 * The {@code @SpringBootTest} here is inherited; it finds the service's
 * {@code @SpringBootApplication} from the subclass's package.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceBootIT {

    /** The port the service under test listens on, for a subclass's own checks. */
    @LocalServerPort
    protected int port;

    @Test
    protected void boots_against_real_infrastructure_and_reports_ready() {
        var readiness = HealthProbe.readiness(port);

        assertThat(readiness.httpStatus()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo("UP");
        // Readiness is the database only (ADR 17); the broker and Redis show in the health details.
        assertThat(readiness.components()).containsOnlyKeys("db", "readinessState").containsEntry("db", "UP");
        assertThat(HealthProbe.overall(port).components())
                .containsEntry("db", "UP")
                .containsEntry("rabbit", "UP")
                .containsEntry("redis", "UP");
        assertThat(HealthProbe.dependenciesUp(port))
                .containsEntry("db", 1.0)
                .containsEntry("rabbit", 1.0)
                .containsEntry("redis", 1.0);
        assertThat(HealthProbe.liveness(port).status()).isEqualTo("UP");
    }
}
