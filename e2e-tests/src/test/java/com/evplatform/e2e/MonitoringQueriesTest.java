package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MonitoringQueriesTest {

    @Test
    void finds_the_metrics_but_not_functions_labels_strings_or_durations() {
        assertThat(MonitoringQueries.metricNames("histogram_quantile(0.95, sum by (le) "
                + "(rate(charging_sessions_start_latency_seconds_bucket{job=\"charging-service\"}[5m])))"))
                .containsExactly("charging_sessions_start_latency_seconds_bucket");
        assertThat(MonitoringQueries.metricNames("max by (job, queue) (messaging_queue_messages{queue=~\".+\\\\.dlq\"}) "
                + "> 0")).containsExactly("messaging_queue_messages");
        assertThat(MonitoringQueries.metricNames("sum(ocpp_connections) < 0.7 * max_over_time(sum(ocpp_connections)"
                + "[30m:1m]) and on(job) group_left max_over_time(sum(ocpp_connections)[30m:1m]) >= 10"))
                .containsExactly("ocpp_connections");
        assertThat(MonitoringQueries.metricNames("up == 0 or absent(platform_dependency_up offset 5m)"))
                .containsExactly("platform_dependency_up", "up");
        assertThat(MonitoringQueries.metricNames("sum(rate(a_total[$__rate_interval])) / sum(rate(b_total[5m]))"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void names_what_no_service_exports() {
        String exposition = """
                # HELP ocpp_connections
                # TYPE ocpp_connections gauge
                ocpp_connections 3.0
                messaging_dead_lettered_total{consumer="order-service.charging-events"} 0.0
                """;
        Set<String> exported = MonitoringQueries.exposedNames(exposition);
        assertThat(exported).containsExactly("messaging_dead_lettered_total", "ocpp_connections");
        assertThat(MonitoringQueries.unknownNames(Map.of("alert: A", "up == 0 or ocpp_connections < 1",
                "alert: B", "increase(messaging_dead_lettered_total[5m]) > ocpp_conections"), exported))
                .isEqualTo(Map.of("alert: B", Set.of("ocpp_conections")));
    }

    @Test
    void reads_every_panel_and_every_alert_of_the_repository() {
        Map<String, String> queries = MonitoringQueries.read();
        assertThat(queries).containsKeys("alert: OutboxBacklogOld", "alert: DeadLetters",
                "alert: SessionsStuckStarting", "alert: FleetDroppedOffline", "alert: ServiceDown",
                "dashboard: Sessions by state [A]");
        assertThat(queries.values()).allSatisfy(promql -> assertThat(MonitoringQueries.metricNames(promql))
                .as(promql).isNotEmpty());
    }
}
