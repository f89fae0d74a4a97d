package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;

/** Stations for end-to-end tests, opened through the gateway as an operator's tool would. */
final class Stations {

    private Stations() {
    }

    /** A station of the operator with a one-segment tariff (1.20 per kWh); returns its id. */
    static String open(ApiClient api, String admin, String operatorCode) {
        // device-service learns of the operator from auth-service's event.
        String station = await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response created = api.post("/api/admin/stations", admin, Map.of("name", "E2E Depot",
                    "address", "1 Test Road", "latitude", 31.2, "longitude", 121.5, "operatorCode", operatorCode));
            return created.status() == 201 ? created.field("stationId") : null;
        }, Objects::nonNull);
        assertThat(api.put("/api/admin/stations/" + station + "/tariff", admin, Map.of("currency", "CNY",
                "segments", List.of(Map.of("start", "00:00", "electricityFee", "0.80", "serviceFee", "0.40"))))
                .status()).isEqualTo(200);
        return station;
    }
}
