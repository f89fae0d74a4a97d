package com.evplatform.device.ocpp.charger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.testsupport.PlatformInfrastructure;

/** Status history past its retention (90 days) goes in batches (2 rows here); newer rows stay. */
@SpringBootTest(properties = "platform.device.retention.batch-size=2")
@PlatformInfrastructure(schema = "device")
class StatusLogRetentionIT extends DeviceApiTest {

    @Autowired
    StatusLogRetention retention;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void status_rows_older_than_the_retention_are_deleted_in_batches_and_newer_ones_kept() {
        String chargePointId = "CP-RET-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            log(chargePointId, now.minus(Duration.ofDays(91)));
        }
        log(chargePointId, now.minus(Duration.ofDays(89)));
        log(chargePointId, now);

        assertThat(retention.purge()).isGreaterThanOrEqualTo(5);

        assertThat(jdbc.queryForList("SELECT received_at FROM connector_status_log WHERE charge_point_id = ?",
                Timestamp.class, chargePointId)).hasSize(2)
                .allSatisfy(at -> assertThat(at.toInstant()).isAfter(now.minus(Duration.ofDays(90))));
    }

    private void log(String chargePointId, Instant receivedAt) {
        jdbc.update("INSERT INTO connector_status_log (charge_point_id, connector_id, status, error_code, reported_at, "
                + "received_at) VALUES (?, 1, 'Available', 'NoError', ?, ?)", chargePointId, Timestamp.from(receivedAt),
                Timestamp.from(receivedAt));
    }
}
