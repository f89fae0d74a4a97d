package com.evplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.evplatform.testsupport.HealthProbe;
import com.evplatform.testsupport.Infrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBootIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> Infrastructure.get().redis().host());
        registry.add("spring.data.redis.port", () -> Infrastructure.get().redis().port());
    }

    @Test
    void boots_and_reports_ready() {
        var readiness = HealthProbe.readiness(port);

        assertThat(readiness.httpStatus()).isEqualTo(200);
        // Ready when it runs (ADR 17): Redis, its rate limits' store, is in the health details, which
        // are for an ADMIN (GatewayEdgeIT).
        assertThat(readiness.components()).containsOnlyKeys("readinessState");
    }
}
