package com.evplatform.reconciliation.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.reconciliation.InjectedData;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * Runs against the real database, broker and Redis. device-service and order-service are played
 * by publishing their events through an outbox onto their exchanges, as they do; the service
 * ingests them with its batch consumers and its runs must report exactly what was injected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.reconciliation.chunk-size=200", "platform.reconciliation.ingest.batch-wait=50ms"})
@PlatformInfrastructure(schema = "reconciliation")
@Import(ReconciliationRunsIT.Producers.class)
class ReconciliationRunsIT {

    static final TestTokens TOKENS = new TestTokens();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("platform.security.jwks-uri", TOKENS::jwksUri);
    }

    /** Lets the test publish device.events and order.events the way their services do. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Producers {
        @Bean
        ExchangeDefinition deviceEventsForTests() {
            return DeviceEvents.EXCHANGE;
        }

        @Bean
        ExchangeDefinition orderEventsForTests() {
            return OrderEvents.EXCHANGE;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    final String admin = TOKENS.admin();

    ApiClient api() {
        return new ApiClient(port);
    }

    /** A day of its own, far from every other test's data. */
    static Instant freshDay() {
        return Instant.parse("2040-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 200_000), ChronoUnit.DAYS);
    }

    @Test
    void a_run_finds_every_injected_difference_and_nothing_else() {
        InjectedData data = new InjectedData(freshDay()).sessions(1_500, 7, 4);
        publish(data);
        awaitIngested(data);

        String operator = TOKENS.operator("op-" + data.operatorCode, data.operatorCode);
        Response started = api().post("/api/admin/reconciliation/runs", operator,
                Map.of("from", data.from.toString(), "to", data.to.toString()));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String runId = started.json().path("runId").asString();
        JsonNode run = awaitRun(runId, operator);

        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("operatorCode").asString()).isEqualTo(data.operatorCode);
        assertThat(run.path("progress").path("done").asLong()).isEqualTo(run.path("progress").path("total").asLong());
        assertThat(found(runId, operator)).isEqualTo(data.expected());
        JsonNode counts = run.path("summary").path("mismatches");
        assertThat(counts.path("MISSING_ORDER").asInt()).isEqualTo(7);
        assertThat(counts.path("DUPLICATE").asInt()).isEqualTo(8);
        assertThat(counts.path("PAYMENT_MISSING").asInt()).isZero();

        // The same window again finds the same mismatches, not new ones.
        String again = api().post("/api/admin/reconciliation/runs", admin,
                Map.of("from", data.from.toString(), "to", data.to.toString(), "operatorCode", data.operatorCode))
                .json().path("runId").asString();
        awaitRun(again, admin);
        assertThat(found(again, admin)).isEqualTo(data.expected());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mismatches WHERE operator_code = ?", Integer.class,
                data.operatorCode)).isEqualTo(data.expected().values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void a_statement_run_finds_missing_unknown_and_different_payments_and_nothing_else() {
        InjectedData data = new InjectedData(freshDay());
        for (int i = 0; i < 300; i++) {
            data.payment();
        }
        for (int i = 0; i < 4; i++) {
            data.paymentMissing();
            data.paymentUnknown();
            data.paymentAmountMismatch();
        }
        publish(data);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM wallet_credits WHERE paid_at >= ? AND paid_at < ?", Integer.class,
                java.sql.Timestamp.from(data.from), java.sql.Timestamp.from(data.to)) == 308);

        Response started = api().postText("/api/admin/reconciliation/statements", admin, "text/csv",
                data.statementCsv());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String runId = started.json().path("runId").asString();
        JsonNode run = awaitRun(runId, admin);

        assertThat(run.path("kind").asString()).isEqualTo("STATEMENT");
        assertThat(found(runId, admin)).isEqualTo(data.expected());
        assertThat(run.path("summary").path("mismatches").path("PAYMENT_UNKNOWN").asInt()).isEqualTo(4);
    }

    void publish(InjectedData data) {
        List<Object> all = new java.util.ArrayList<>(data.deviceEvents);
        all.addAll(data.orderEvents);
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> slice = all.subList(from, Math.min(all.size(), from + 500));
            transactions.executeWithoutResult(status -> slice.forEach(this::publish));
        }
    }

    void publish(Object event) {
        if (event instanceof DeviceEvent e) {
            outbox.publish(OutgoingMessage.to(DeviceEvents.EXCHANGE).aggregate("cp:" + e.chargePointId())
                    .messageOf(DeviceEvents.kindOf(e), e));
        } else if (event instanceof OrderEvent e) {
            outbox.publish(OutgoingMessage.to(OrderEvents.EXCHANGE).aggregate(e.aggregateId())
                    .messageOf(OrderEvents.kindOf(e), e));
        }
    }

    void awaitIngested(InjectedData data) {
        long transactions = data.deviceEvents.size() / 2;
        long settled = data.orderEvents.stream()
                .filter(e -> e instanceof OrderEvent.OrderSettled).count();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM charger_transactions WHERE operator_code = ? AND stopped_at IS NOT NULL",
                Long.class, data.operatorCode) == transactions
                && jdbc.queryForObject("SELECT COALESCE(SUM(settlements), 0) FROM billed_orders WHERE operator_code = ?",
                        Long.class, data.operatorCode) == settled);
    }

    JsonNode awaitRun(String runId, String token) {
        return await().atMost(PATIENCE).until(() -> api().get("/api/admin/reconciliation/runs/" + runId, token).json(),
                run -> !"RUNNING".equals(run.path("status").asString()));
    }

    Map<String, Set<String>> found(String runId, String token) {
        Map<String, Set<String>> found = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode body = api().get("/api/admin/reconciliation/mismatches?size=500&page=" + page + "&runId=" + runId,
                    token).json();
            for (JsonNode m : body.path("items")) {
                String subject = m.path("paymentId").isString() && m.path("kind").asString().startsWith("PAYMENT_")
                        && !"PAYMENT_UNKNOWN".equals(m.path("kind").asString())
                        ? "payment:" + m.path("paymentId").asString()
                        : m.path("kind").asString().equals("PAYMENT_UNKNOWN") ? "top-up:" + m.path("topUpId").asString()
                        : m.path("kind").asString().equals("MISSING_ORDER")
                                ? "tx:" + m.path("transactionId").asInt()
                                : "order:" + m.path("orderId").asString();
                found.computeIfAbsent(m.path("kind").asString(), k -> new TreeSet<>()).add(subject);
            }
            if ((page + 1) * 500L >= body.path("total").asLong()) {
                return found;
            }
        }
    }
}
