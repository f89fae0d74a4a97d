package com.evplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.evplatform.testsupport.HealthProbe;

/**
 * Without Redis the rate limiter lets requests through, so the gateway still serves: it stays
 * ready (ADR 17); Redis's state is in the health details, for an ADMIN. Redis is a closed port
 * for this test's own context only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.data.redis.port=1", "spring.data.redis.connect-timeout=500ms"})
class GatewayReadinessWithoutRedisIT {

    @LocalServerPort
    int port;

    @Test
    void stays_ready_while_redis_is_unreachable() {
        var readiness = HealthProbe.readiness(port);

        assertThat(readiness.httpStatus()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.components()).doesNotContainKey("redis");
    }
}
