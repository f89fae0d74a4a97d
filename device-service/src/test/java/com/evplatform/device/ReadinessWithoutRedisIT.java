package com.evplatform.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.evplatform.testsupport.HealthProbe;
import com.evplatform.testsupport.PlatformInfrastructure;

/**
 * Redis holds live device state and idempotency keys: a service that cannot reach it must
 * be taken out of the load balancer, yet stay alive so it is not restarted in a loop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.data.redis.port=1", "spring.data.redis.connect-timeout=500ms"})
@PlatformInfrastructure(schema = "device")
class ReadinessWithoutRedisIT {

    @LocalServerPort
    int port;

    @Test
    void readiness_is_down_and_liveness_up_when_redis_is_unreachable() {
        var readiness = HealthProbe.readiness(port);

        assertThat(readiness.httpStatus()).isEqualTo(503);
        assertThat(readiness.status()).isEqualTo("DOWN");
        assertThat(readiness.components()).containsEntry("redis", "DOWN").containsEntry("db", "UP");
        assertThat(HealthProbe.liveness(port).httpStatus()).isEqualTo(200);
    }
}
