package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.RawCharger;
import com.evplatform.testsupport.PlatformInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An operator holding chargers back at boot (a migration, a maintenance window): Rejected, with the retry interval. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.device.ocpp.boot-status=Rejected", "platform.device.ocpp.heartbeat-interval=300s"})
@PlatformInfrastructure(schema = "device")
class BootStatusIT extends DeviceApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AmqpAdmin amqpAdmin;
    @Autowired
    RabbitTemplate rabbit;

    ApiClient api;
    OcppTestSupport.EventTap events;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        events = new OcppTestSupport.EventTap(amqpAdmin, rabbit);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void a_boot_is_answered_with_the_configured_status_and_the_interval_before_the_next_attempt() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, OcppTestSupport.station(api, TOKENS, jdbc));
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            String answer = charger.exchange("[2,\"b1\",\"BootNotification\",{\"chargePointVendor\":\"Acme\","
                    + "\"chargePointModel\":\"AC22\"}]");
            JsonNode payload = JSON.readTree(answer).get(2);
            assertThat(payload.path("status").asString()).isEqualTo("Rejected");
            assertThat(payload.path("interval").asInt()).isEqualTo(300);
        }
        assertThat(events.await(chargePointId, "device.charger-booted", 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(booted -> assertThat(booted.path("registrationStatus").asString()).isEqualTo("Rejected"));
    }
}
