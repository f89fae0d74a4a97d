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
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.reconciliation.InjectedData;
import com.evplatform.reconciliation.contract.ReconciliationEvent;
import com.evplatform.reconciliation.contract.ReconciliationEvents;
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

        /** Plays order-service's side of an adjustment: what reaches it, and how often. */
        @Bean
        ConsumerDefinition adjustmentsReceivedForTests() {
            return ConsumerDefinition.named("reconciliation-it.adjustments").from(ReconciliationEvents.EXCHANGE)
                    .on(ReconciliationEvents.ADJUSTMENT_REQUESTED, message -> ADJUSTMENTS.add(message.payload()))
                    .build();
        }
    }

    static final List<ReconciliationEvent.AdjustmentRequested> ADJUSTMENTS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

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
    void an_admin_run_checks_each_operator_in_a_partition_of_its_own() {
        Instant day = freshDay();
        InjectedData first = new InjectedData(day);
        InjectedData second = new InjectedData(day);
        for (InjectedData data : List.of(first, second)) {
            for (int i = 0; i < 300; i++) {
                data.normal();
            }
            data.missingOrder();
            data.amountMismatch();
            publish(data);
            awaitIngested(data);
        }
        String runId = api().post("/api/admin/reconciliation/runs", admin,
                Map.of("from", day.toString(), "to", first.to.toString())).json().path("runId").asString();
        JsonNode run = awaitRun(runId, admin);

        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        Map<String, Set<String>> expected = new HashMap<>();
        for (InjectedData data : List.of(first, second)) {
            data.expected().forEach((kind, subjects) -> expected.computeIfAbsent(kind, k -> new TreeSet<>())
                    .addAll(subjects));
        }
        assertThat(found(runId, admin)).isEqualTo(expected);
        List<String> partitions = jdbc.queryForList("""
                SELECT s.STEP_NAME FROM BATCH_STEP_EXECUTION s
                JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                WHERE p.PARAMETER_NAME = 'runId' AND p.PARAMETER_VALUE = ? AND s.STEP_NAME LIKE 'orderChecks:%'""",
                String.class, runId);
        // Rows of other operators that changed since the last all-operator run are checked too, each
        // in its own partition: these two must be among them.
        assertThat(partitions).contains("orderChecks:operator:" + first.operatorCode,
                "orderChecks:operator:" + second.operatorCode);
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

    @Test
    void late_events_are_picked_up_by_the_next_run_and_settle_what_they_explain() {
        InjectedData day = new InjectedData(freshDay());
        InjectedData.Pair late = day.new Pair();
        late.transaction();
        publish(day);
        awaitTransactions(day.operatorCode, 1);
        String first = startRun(admin, day.from, day.to, day.operatorCode);
        awaitRun(first, admin);
        JsonNode missing = api().get("/api/admin/reconciliation/mismatches?runId=" + first, admin).json()
                .path("items").get(0);
        assertThat(missing.path("kind").asString()).isEqualTo("MISSING_ORDER");
        assertThat(missing.path("status").asString()).isEqualTo("OPEN");

        // The order reaches reconciliation after the run: the next day's run checks it anyway.
        late.order(late.energy, InjectedData.price(late.lines(late.energy)), 1);
        day.orderEvents.forEach(this::publishOne);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM billed_orders WHERE order_id = ? AND settlements = 1", Integer.class,
                late.orderId) == 1);
        String next = startRun(admin, day.to, day.to.plus(Duration.ofDays(1)), day.operatorCode);
        JsonNode run = awaitRun(next, admin);
        assertThat(run.path("summary").path("checked").asLong()).as("the late transaction and its order").isEqualTo(2);
        assertThat(found(next, admin)).isEmpty();
        JsonNode settled = api().get("/api/admin/reconciliation/mismatches/" + missing.path("mismatchId").asString(),
                admin).json();
        assertThat(settled.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(settled.path("resolution").asString()).isEqualTo("DATA");
    }

    @Test
    void mismatches_are_resolved_once_accept_with_a_note_adjust_through_the_outbox() {
        InjectedData data = new InjectedData(freshDay());
        data.missingOrder();
        data.amountMismatch();
        data.orphanOrder();
        publish(data);
        awaitIngested(data);
        String runId = startRun(admin, data.from, data.to, data.operatorCode);
        awaitRun(runId, admin);
        Map<String, String> ids = new HashMap<>();
        for (JsonNode m : api().get("/api/admin/reconciliation/mismatches?runId=" + runId, admin).json().path("items")) {
            ids.put(m.path("kind").asString(), m.path("mismatchId").asString());
        }
        String operator = TOKENS.operator("op-" + data.operatorCode, data.operatorCode);
        String resolve = "/api/admin/reconciliation/mismatches/%s/resolve";

        Response noNote = api().post(resolve.formatted(ids.get("MISSING_ORDER")), operator, Map.of("action", "ACCEPT"));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.field("code")).isEqualTo("VALIDATION_FAILED");
        Response notAdjustable = api().post(resolve.formatted(ids.get("MISSING_ORDER")), operator,
                Map.of("action", "ADJUST", "note", "bill it"));
        assertThat(notAdjustable.status()).isEqualTo(409);
        assertThat(notAdjustable.field("code")).isEqualTo("NOT_ADJUSTABLE");

        Response accepted = api().post(resolve.formatted(ids.get("MISSING_ORDER")), operator,
                Map.of("action", "ACCEPT", "note", "test charge by the technician"));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("resolvedBy").asString()).isEqualTo("op-" + data.operatorCode);
        assertThat(api().post(resolve.formatted(ids.get("MISSING_ORDER")), operator,
                Map.of("action", "ACCEPT", "note", "again")).status()).as("a repeat").isEqualTo(202);
        assertThat(api().post(resolve.formatted(ids.get("MISSING_ORDER")), admin,
                Map.of("action", "ADJUST", "note", "changed my mind")).field("code"))
                .isEqualTo("MISMATCH_ALREADY_RESOLVED");

        Response adjusted = api().post(resolve.formatted(ids.get("AMOUNT_MISMATCH")), admin,
                Map.of("action", "ADJUST", "note", "reprice from the tariff"));
        assertThat(adjusted.status()).isEqualTo(202);
        assertThat(adjusted.json().path("status").asString()).isEqualTo("RESOLVED");
        String adjustmentId = adjusted.json().path("adjustmentId").asString();
        assertThat(api().post(resolve.formatted(ids.get("AMOUNT_MISMATCH")), admin,
                Map.of("action", "ADJUST", "note", "twice")).json().path("adjustmentId").asString())
                .isEqualTo(adjustmentId);
        String orderId = adjusted.json().path("orderId").asString();
        List<String> requests = jdbc.queryForList("""
                SELECT CAST(body AS CHAR) FROM messaging_outbox WHERE message_type = 'reconciliation.adjustment-requested'
                  AND CAST(body AS CHAR) LIKE ?""", String.class, "%" + orderId + "%");
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst()).contains(adjustmentId).contains(adjusted.json().path("adjustTo")
                .path("amount").asString());
        await().atMost(PATIENCE).until(() -> ADJUSTMENTS.stream().anyMatch(a -> a.adjustmentId().equals(adjustmentId)));
        var received = ADJUSTMENTS.stream().filter(a -> a.orderId().equals(orderId)).toList();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().expectedTotal().amount().toPlainString())
                .isEqualTo(adjusted.json().path("adjustTo").path("amount").asString());
        assertThat(received.getFirst().mismatchId()).isEqualTo(ids.get("AMOUNT_MISMATCH"));
        assertThat(received.getFirst().requestedBy()).isEqualTo(adjusted.json().path("resolvedBy").asString());

        Response orphan = api().post(resolve.formatted(ids.get("ORPHAN_ORDER")), admin,
                Map.of("action", "ADJUST", "note", "no charge happened"));
        assertThat(orphan.json().path("adjustTo").path("amount").asString()).isEqualTo("0.00");
        assertThat(jdbc.queryForList("SELECT action FROM mismatch_audit WHERE mismatch_id IN (?, ?, ?) ORDER BY id",
                String.class, ids.get("MISSING_ORDER"), ids.get("AMOUNT_MISMATCH"), ids.get("ORPHAN_ORDER")))
                .containsExactly("ACCEPT", "ADJUST", "ADJUST");
        JsonNode history = api().get("/api/admin/reconciliation/mismatches/" + ids.get("MISSING_ORDER") + "/history",
                operator).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("actor").asString()).isEqualTo("op-" + data.operatorCode);
        assertThat(history.get(0).path("note").asString()).isEqualTo("test charge by the technician");

        var report = api().getBytes("/api/admin/reconciliation/runs/" + runId + "/report.csv", operator);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/csv");
        List<String> rows = new String(report.body(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(rows.getFirst()).startsWith("mismatchId,kind,status,");
        assertThat(rows).hasSize(4).anySatisfy(row -> assertThat(row).contains("ACCEPTED")
                .contains("test charge by the technician"));
    }

    @Test
    void operators_see_and_run_only_their_own_reconciliation_and_bad_input_changes_nothing() {
        InjectedData data = new InjectedData(freshDay());
        data.missingOrder();
        publish(data);
        awaitTransactions(data.operatorCode, 1);
        String runId = startRun(admin, data.from, data.to, data.operatorCode);
        awaitRun(runId, admin);
        String mismatchId = api().get("/api/admin/reconciliation/mismatches?runId=" + runId, admin).json()
                .path("items").get(0).path("mismatchId").asString();
        String stranger = TOKENS.operator("op-other", "OTHEROP");
        String unscoped = TOKENS.token("op-nobody", "OPERATOR", null);
        Map<String, String> window = Map.of("from", data.from.toString(), "to", data.to.toString());
        Integer runsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM runs", Integer.class);

        assertThat(api().get("/api/admin/reconciliation/runs/" + runId, stranger).field("code"))
                .isEqualTo("RUN_NOT_FOUND");
        assertThat(api().get("/api/admin/reconciliation/mismatches/" + mismatchId, stranger).status()).isEqualTo(404);
        assertThat(api().post("/api/admin/reconciliation/mismatches/" + mismatchId + "/resolve", stranger,
                Map.of("action", "ACCEPT", "note", "x")).status()).isEqualTo(404);
        assertThat(api().get("/api/admin/reconciliation/mismatches?size=500", stranger).json().path("items")
                .findValuesAsString("operatorCode")).allMatch("OTHEROP"::equals);
        Response foreign = api().post("/api/admin/reconciliation/runs", stranger,
                Map.of("from", data.from.toString(), "to", data.to.toString(), "operatorCode", data.operatorCode));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.field("code")).isEqualTo("OPERATOR_SCOPE");
        assertThat(api().post("/api/admin/reconciliation/runs", unscoped, window).field("code"))
                .isEqualTo("OPERATOR_SCOPE_MISSING");
        assertThat(api().post("/api/admin/reconciliation/runs", TOKENS.driver("d-1"), window).status()).isEqualTo(403);
        assertThat(api().post("/api/admin/reconciliation/runs", null, window).status()).isEqualTo(401);
        assertThat(api().postText("/api/admin/reconciliation/statements", stranger, "text/csv",
                "paymentId,topUpId,amount,currency,paidAt\np,t,1.00,CNY,2031-01-01T00:00:00Z\n").status())
                .isEqualTo(403);

        Response backwards = api().post("/api/admin/reconciliation/runs", admin,
                Map.of("from", data.to.toString(), "to", data.from.toString()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.contentType()).startsWith("application/problem+json");
        assertThat(backwards.field("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(api().post("/api/admin/reconciliation/runs", admin, Map.of("from", "yesterday")).status())
                .isEqualTo(400);
        Response badStatement = api().postText("/api/admin/reconciliation/statements", admin, "text/csv",
                "paymentId,topUpId,amount,currency,paidAt\np-1,t-1,1.001,CNY,2031-01-01T00:00:00Z\n"
                        + "p-2,t-2,1.00,CNY,not-a-time\n");
        assertThat(badStatement.status()).isEqualTo(400);
        assertThat(badStatement.field("code")).isEqualTo("STATEMENT_INVALID");
        assertThat(badStatement.json().path("errors")).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM runs", Integer.class)).isEqualTo(runsBefore);
    }

    @Test
    void the_daily_run_covers_the_previous_local_day_and_starts_once_however_often_asked(
            @Autowired com.evplatform.reconciliation.runs.application.Runs runs) {
        java.time.LocalDate day = java.time.LocalDate.of(2039, 1, 1)
                .plusDays(ThreadLocalRandom.current().nextInt(0, 300_000));
        runs.daily(day);
        runs.daily(day);
        List<Map<String, Object>> daily = jdbc.queryForList(
                "SELECT id, window_from, window_to FROM runs WHERE daily_key LIKE ?", "daily:" + day + ":%");
        assertThat(daily).hasSize(1);
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        assertThat(((java.sql.Timestamp) daily.getFirst().get("window_from")).toInstant())
                .isEqualTo(day.atStartOfDay(zone).toInstant());
        assertThat(((java.sql.Timestamp) daily.getFirst().get("window_to")).toInstant())
                .isEqualTo(day.plusDays(1).atStartOfDay(zone).toInstant());
        JsonNode run = awaitRun((String) daily.getFirst().get("id"), admin);
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("startedBy").asString()).isEqualTo("daily");
    }

    String startRun(String token, Instant from, Instant to, String operatorCode) {
        Response started = api().post("/api/admin/reconciliation/runs", token,
                Map.of("from", from.toString(), "to", to.toString(), "operatorCode", operatorCode));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).isPresent();
        return started.json().path("runId").asString();
    }

    void awaitTransactions(String operatorCode, long stopped) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM charger_transactions WHERE operator_code = ? AND stopped_at IS NOT NULL",
                Long.class, operatorCode) == stopped);
    }

    void publish(InjectedData data) {
        List<Object> all = new java.util.ArrayList<>(data.deviceEvents);
        all.addAll(data.orderEvents);
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> slice = all.subList(from, Math.min(all.size(), from + 500));
            transactions.executeWithoutResult(status -> slice.forEach(this::publish));
        }
    }

    void publishOne(Object event) {
        transactions.executeWithoutResult(status -> publish(event));
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
