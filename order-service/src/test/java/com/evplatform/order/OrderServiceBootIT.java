package com.evplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.evplatform.testsupport.HealthProbe;
import com.evplatform.testsupport.PlatformInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PlatformInfrastructure(schema = "orders")
class OrderServiceBootIT {

    @LocalServerPort
    int port;

    @Test
    void boots_against_real_infrastructure_and_reports_ready() {
        var readiness = HealthProbe.readiness(port);

        assertThat(readiness.httpStatus()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.components())
                .containsEntry("db", "UP")
                .containsEntry("rabbit", "UP")
                .containsEntry("redis", "UP");
        assertThat(HealthProbe.liveness(port).status()).isEqualTo("UP");
    }
}
