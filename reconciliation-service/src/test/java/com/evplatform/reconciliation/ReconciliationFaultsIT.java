package com.evplatform.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.reconciliation.EventPublisher.Message;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.ServiceProcess;
import com.evplatform.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;

/**
 * reconciliation-service as a process of its own, killed with SIGKILL while it ingests and
 * while it runs, and fed duplicated and reordered events. This test plays device-service and
 * order-service, publishing their events on the broker as their outbox relays do. Each test
 * ends by reading the service's own tables: every event applied exactly once, a resumed run
 * counting and finding everything exactly once.
 *
 * <p>The class has a RabbitMQ virtual host of its own and each test a schema of its own: the
 * consumer queues have a single active consumer, so another reconciliation-service on the
 * shared broker would otherwise take these messages, and each test counts its tables whole.
 */
class ReconciliationFaultsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Instant DAY = Instant.parse("2041-03-01T00:00:00Z");
    private static final String DEVICE_CONSUMER = "reconciliation.device-events";
    private static final String ORDER_CONSUMER = "reconciliation.order-events";
    /**
     * Matching sessions per operator in the run test: a run of three operators' takes several
     * seconds (chunks of 500 on two workers). Ingest sets the pace of the test, one transaction
     * per message.
     */
    private static final int RUN_SESSIONS_PER_OPERATOR = 4_000;

    private static final TestTokens TOKENS = new TestTokens();
    private static EventPublisher publisher;

    @BeforeAll
    static void isolate() throws Exception {
        publisher = EventPublisher.onOwnVirtualHost("reconciliation-faults");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TOKENS.close();
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void killed_with_sigkill_while_ingesting_applies_every_event_exactly_once() throws Exception {
        Map<String, Object> properties = properties("reconciliation_faults_ingest",
                Map.of("platform.reconciliation.ingest.batch-size", 2_000));
        JdbcTemplate db = database(properties);
        InjectedData data = new InjectedData(DAY).sessions(5_000, 0, 0);
        List<Message> messages = EventPublisher.encode(interleaved(data.deviceEvents, data.orderEvents));

        ServiceProcess service = ServiceProcess.start("reconciliation-service", properties);
        try {
            long began = System.nanoTime();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(messages));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                    .until(() -> applied(db) >= messages.size() / 5);
            service.kill();
            long appliedAtKill = applied(db);
            long rowsAtKill = rows(db, "charger_transactions") + rows(db, "billed_orders");
            assertThat(appliedAtKill).as("SIGKILL came while events were being applied")
                    .isBetween(1L, messages.size() - 1L);
            publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            service = service.restart();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> applied(db) == messages.size());
            System.out.printf("ingest kill test: %d messages, SIGKILL at %d applied (%d rows), all applied %d ms "
                    + "after the first publish, consumer figures after the restart %s%n", messages.size(),
                    appliedAtKill, rowsAtKill, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
                    consumerFigures(service));

            assertAppliedOnce(db, data);
        } finally {
            service.close();
        }
    }

    @Test
    void killed_with_sigkill_mid_run_resumes_and_finds_every_injected_difference_once() throws Exception {
        Map<String, Object> properties = properties("reconciliation_faults_run", Map.of(
                "platform.reconciliation.ingest.batch-size", 2_000,
                "platform.reconciliation.chunk-size", 500,
                "platform.reconciliation.workers", 2,
                "platform.reconciliation.stale-after", "3s",
                "platform.reconciliation.recovery-interval", "1s"));
        JdbcTemplate db = database(properties);
        // Three operators, so the run has three partitions for its two workers.
        List<InjectedData> operators = new ArrayList<>();
        for (int o = 0; o < 3; o++) {
            operators.add(new InjectedData(DAY).sessions(RUN_SESSIONS_PER_OPERATOR, 3, 2));
        }
        Map<String, Set<String>> expected = new HashMap<>();
        List<Object> events = new ArrayList<>();
        for (InjectedData data : operators) {
            data.expected().forEach((kind, subjects) -> expected.computeIfAbsent(kind, k -> new TreeSet<>())
                    .addAll(subjects));
            events.addAll(interleaved(data.deviceEvents, data.orderEvents));
        }
        long subjects = expected.values().stream().mapToLong(Set::size).sum();
        long items = events.stream().filter(DeviceEvent.TransactionStopped.class::isInstance).count()
                + events.stream().filter(OrderEvent.OrderSettled.class::isInstance)
                        .map(e -> ((OrderEvent.OrderSettled) e).orderId()).distinct().count();

        ServiceProcess service = ServiceProcess.start("reconciliation-service", properties);
        try {
            long ingestBegan = System.nanoTime();
            List<Message> messages = EventPublisher.encode(events);
            publisher.publish(messages);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> applied(db) == messages.size());
            long ingestMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ingestBegan);

            ApiClient api = new ApiClient(service.port());
            String admin = TOKENS.admin();
            var started = api.post("/api/admin/reconciliation/runs", admin,
                    Map.of("from", DAY.toString(), "to", operators.getFirst().to.toString()));
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            String runId = started.json().path("runId").asString();
            long runBegan = System.nanoTime();

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                JsonNode progress = api.get("/api/admin/reconciliation/runs/" + runId, admin).json().path("progress");
                return progress.path("total").asLong() > 0
                        && progress.path("done").asLong() * 10 >= progress.path("total").asLong();
            });
            service.kill();
            long killedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runBegan);
            Map<String, Object> atKill = db.queryForMap("SELECT status, done, total FROM runs WHERE id = ?", runId);
            long doneAtKill = ((Number) atKill.get("done")).longValue();
            assertThat(atKill.get("status")).isEqualTo("RUNNING");
            assertThat(((Number) atKill.get("total")).longValue()).as("items in the window").isEqualTo(items);
            assertThat(doneAtKill).as("SIGKILL came between a tenth and seven tenths of the run")
                    .isBetween(items / 10, items * 7 / 10);

            service = service.restart();
            ApiClient restarted = new ApiClient(service.port());
            List<String> statuses = new ArrayList<>();
            JsonNode run = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonNode now = restarted.get("/api/admin/reconciliation/runs/" + runId, admin).json();
                String status = now.path("status").asString();
                if (statuses.isEmpty() || !statuses.getLast().equals(status)) {
                    statuses.add(status);
                }
                return now;
            }, now -> !"RUNNING".equals(now.path("status").asString()));
            System.out.printf("run kill test: %d items (%d subjects injected) from %d messages ingested in %d ms; "
                    + "SIGKILL %d ms into the run at %d done; statuses after the restart %s; run finished %d ms "
                    + "after it began; job executions %s%n", items, subjects, messages.size(), ingestMillis,
                    killedAfter, doneAtKill, statuses, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runBegan),
                    jobExecutions(db, runId));

            assertThat(statuses).as("the run stays RUNNING until it completes").containsExactly("RUNNING",
                    "COMPLETED");
            // Spring Batch records its execution COMPLETED a moment after the run's last step did.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> jobExecutions(db, runId).getLast().equals("COMPLETED"));
            assertThat(jobExecutions(db, runId)).as("the first execution, recovered, then its restart")
                    .hasSize(2).last().isEqualTo("COMPLETED");
            assertThat(run.path("progress").path("done").asLong()).isEqualTo(items);
            assertThat(run.path("progress").path("total").asLong()).isEqualTo(items);
            assertThat(run.path("summary").path("checked").asLong()).isEqualTo(items);
            assertThat(run.path("summary").path("matched").asLong()).as("items without a difference")
                    .isEqualTo(items - subjects);
            Map<String, Long> counts = new HashMap<>();
            run.path("summary").path("mismatches").properties().forEach(e -> {
                if (e.getValue().asLong() > 0) {
                    counts.put(e.getKey(), e.getValue().asLong());
                }
            });
            Map<String, Long> expectedCounts = new HashMap<>();
            expected.forEach((kind, set) -> expectedCounts.put(kind, (long) set.size()));
            assertThat(counts).isEqualTo(expectedCounts);

            assertThat(foundBy(db, runId)).isEqualTo(expected);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM mismatches", Long.class)).as("mismatches")
                    .isEqualTo(subjects);
            assertThat(db.queryForObject("SELECT COUNT(DISTINCT kind, subject) FROM mismatches", Long.class))
                    .as("mismatches, one per kind and subject").isEqualTo(subjects);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM run_mismatches WHERE run_id = ?", Long.class, runId))
                    .as("links of the run").isEqualTo(subjects);
            assertThat(db.queryForObject("SELECT COUNT(DISTINCT mismatch_id) FROM run_mismatches WHERE run_id = ?",
                    Long.class, runId)).as("mismatches linked to the run").isEqualTo(subjects);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM mismatches WHERE run_id <> ? OR last_run_id <> ?",
                    Long.class, runId, runId)).as("mismatches of another run").isZero();
            assertThat(db.queryForObject("SELECT COUNT(*) FROM mismatch_audit", Long.class))
                    .as("mismatches resolved or reopened by the run itself").isZero();
        } finally {
            service.close();
        }
    }

    @Test
    void duplicated_and_reordered_events_make_one_row_each_and_a_run_finds_nothing() throws Exception {
        Map<String, Object> properties = properties("reconciliation_faults_duplicates", Map.of());
        JdbcTemplate db = database(properties);
        InjectedData data = new InjectedData(DAY).sessions(200, 0, 0);
        // Each aggregate's events in reverse: the stop before the start, the settlement before the opening.
        List<Message> messages = new ArrayList<>(EventPublisher.encode(reversedPerAggregate(data.deviceEvents)));
        messages.addAll(EventPublisher.encode(reversedPerAggregate(data.orderEvents)));

        try (ServiceProcess service = ServiceProcess.start("reconciliation-service", properties)) {
            // Every message twice in a row (one batch may hold both), and once more after all were applied.
            publisher.publish(messages.stream().flatMap(m -> Stream.of(m, m)).toList());
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> applied(db) == messages.size());
            publisher.publish(messages);
            long deliveries = 3L * messages.size();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<String, Double> figures = consumerFigures(service);
                return figures.get("consumed") + figures.get("duplicates") + figures.get("dead-lettered")
                        >= deliveries;
            });
            Map<String, Double> figures = consumerFigures(service);
            System.out.printf("duplicates test: %d messages, each aggregate's in reverse, delivered 3 times each: %s%n",
                    messages.size(), figures);
            assertThat(figures.get("consumed")).as("messages applied").isEqualTo(messages.size());
            assertThat(figures.get("duplicates")).as("deliveries dropped as duplicates")
                    .isEqualTo(2.0 * messages.size());
            assertThat(figures.get("dead-lettered")).as("dead letters").isZero();

            assertAppliedOnce(db, data);
            assertMerged(db, data);
            assertRunFindsNothing(service, data, 400);
        }
    }

    @Test
    void payments_refunds_and_adjustments_applied_before_their_order_are_kept_and_a_run_finds_nothing()
            throws Exception {
        Map<String, Object> properties = properties("reconciliation_faults_overtaking", Map.of());
        JdbcTemplate db = database(properties);
        InjectedData data = new InjectedData(DAY);
        for (int i = 0; i < 50; i++) {
            data.paidLater();
            data.refunded();
            data.adjusted();
        }
        // What follows an order's pricing comes first, as a retried delivery lets it overtake the order.
        List<Object> overtaking = data.orderEvents.stream().filter(e -> e instanceof OrderEvent.OrderPaid
                || e instanceof OrderEvent.OrderRefunded || e instanceof OrderEvent.OrderAdjusted).toList();
        List<Object> rest = new ArrayList<>(data.deviceEvents);
        rest.addAll(reversedPerAggregate(data.orderEvents.stream().filter(e -> !overtaking.contains(e)).toList()));

        try (ServiceProcess service = ServiceProcess.start("reconciliation-service", properties)) {
            publisher.publish(EventPublisher.encode(overtaking));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> applied(db) == overtaking.size());
            publisher.publish(EventPublisher.encode(rest));
            long messages = overtaking.size() + rest.size();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> applied(db) == messages);

            BigDecimal total = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal refunded = BigDecimal.ZERO;
            for (Object event : data.orderEvents) {
                switch (event) {
                    case OrderEvent.OrderSettled e -> {
                        total = total.add(e.total().amount());
                        paid = paid.add(e.paid().amount());
                    }
                    case OrderEvent.OrderUnpaid e -> {
                        total = total.add(e.total().amount());
                        paid = paid.add(e.paid().amount());
                    }
                    case OrderEvent.OrderPaid e -> paid = paid.add(e.amount().amount());
                    case OrderEvent.OrderRefunded e -> refunded = refunded.add(e.refundedTotal().amount());
                    case OrderEvent.OrderAdjusted e -> total = total.add(e.difference().amount());
                    default -> {
                    }
                }
            }
            Map<String, Object> sums = db.queryForMap("SELECT COUNT(*) AS orders, SUM(total) AS total, "
                    + "SUM(paid) AS paid, SUM(refunded) AS refunded, SUM(status = 'ADJUSTED') AS adjusted "
                    + "FROM billed_orders");
            assertThat(((Number) sums.get("orders")).longValue()).isEqualTo(150);
            assertThat((BigDecimal) sums.get("paid")).as("paid, top-ups included").isEqualByComparingTo(paid);
            assertThat((BigDecimal) sums.get("refunded")).as("refunded").isEqualByComparingTo(refunded);
            assertThat((BigDecimal) sums.get("total")).as("totals, adjustments included").isEqualByComparingTo(total);
            assertThat(((Number) sums.get("adjusted")).longValue()).as("orders adjusted").isEqualTo(50);
            // An adjustment lost would leave its order's wrong total: an AMOUNT_MISMATCH.
            assertRunFindsNothing(service, data, 300);
        }
    }

    /** A run over the data's window and operator completes, checks {@code items} and finds nothing. */
    private static void assertRunFindsNothing(ServiceProcess service, InjectedData data, long items) {
        ApiClient api = new ApiClient(service.port());
        String admin = TOKENS.admin();
        String runId = api.post("/api/admin/reconciliation/runs", admin, Map.of("from", data.from.toString(),
                "to", data.to.toString(), "operatorCode", data.operatorCode)).json().path("runId").asString();
        JsonNode run = await().atMost(PATIENCE).until(
                () -> api.get("/api/admin/reconciliation/runs/" + runId, admin).json(),
                r -> !"RUNNING".equals(r.path("status").asString()));
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("progress").path("total").asLong()).as("transactions and orders").isEqualTo(items);
        assertThat(run.path("summary").path("matched").asLong()).isEqualTo(items);
        assertThat(api.get("/api/admin/reconciliation/mismatches?runId=" + runId, admin).json().path("items"))
                .as("mismatches found").isEmpty();
    }

    // --- the data ------------------------------------------------------------------------------

    /** Device and order events alternately, each list in its own order. */
    private static List<Object> interleaved(List<Object> device, List<Object> orders) {
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < Math.max(device.size(), orders.size()); i++) {
            if (i < device.size()) {
                all.add(device.get(i));
            }
            if (i < orders.size()) {
                all.add(orders.get(i));
            }
        }
        return all;
    }

    /** The events of each transaction (or order) last to first, the aggregates in their order. */
    private static List<Object> reversedPerAggregate(List<Object> events) {
        Map<String, List<Object>> byAggregate = new LinkedHashMap<>();
        for (Object event : events) {
            String aggregate = switch (event) {
                case DeviceEvent.TransactionStarted e -> "tx:" + e.transactionId();
                case DeviceEvent.TransactionStopped e -> "tx:" + e.transactionId();
                case OrderEvent e -> e.aggregateId();
                default -> throw new IllegalArgumentException(event.toString());
            };
            byAggregate.computeIfAbsent(aggregate, a -> new ArrayList<>()).addFirst(event);
        }
        return byAggregate.values().stream().flatMap(List::stream).toList();
    }

    private static void publish(List<Message> messages) {
        try {
            publisher.publish(messages);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the service ---------------------------------------------------------------------------

    private static Map<String, Object> properties(String schema, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Infrastructure.get().scratchSchemaProperties(schema));
        properties.put("spring.rabbitmq.virtual-host", publisher.virtualHost());
        properties.put("platform.security.jwks-uri", TOKENS.jwksUri());
        // A killed consumer's Redis claim holds this long before a redelivery may take the message.
        properties.put("platform.messaging.consumer.processing-ttl", "5s");
        properties.put("platform.reconciliation.daily-cron", "-");
        properties.putAll(more);
        return properties;
    }

    /** The two consumers' counters in the process's metrics: consumed, duplicates, retried, dead-lettered. */
    private static Map<String, Double> consumerFigures(ServiceProcess service) {
        ApiClient api = new ApiClient(service.port());
        String token = TOKENS.admin();
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String figure : List.of("consumed", "duplicates", "retried", "dead-lettered")) {
            double total = 0;
            for (String consumer : List.of(DEVICE_CONSUMER, ORDER_CONSUMER)) {
                var metric = api.get("/actuator/metrics/messaging." + figure + "?tag=consumer:" + consumer, token);
                // A counter that never moved is not there: 404, or no measurement for this consumer.
                assertThat(metric.status()).as(metric.text()).isIn(200, 404);
                total += metric.status() == 404 ? 0
                        : metric.json().path("measurements").path(0).path("value").asDouble(0);
            }
            figures.put(figure, total);
        }
        return figures;
    }

    // --- the database --------------------------------------------------------------------------

    private static JdbcTemplate database(Map<String, Object> properties) {
        return new JdbcTemplate(new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"),
                (String) properties.get("spring.datasource.password")));
    }

    /** Messages the two consumers applied: their inbox rows. */
    private static long applied(JdbcTemplate db) {
        return db.queryForObject("SELECT COUNT(*) FROM messaging_inbox WHERE consumer IN (?, ?)", Long.class,
                DEVICE_CONSUMER, ORDER_CONSUMER);
    }

    private static long rows(JdbcTemplate db, String table) {
        return db.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /**
     * Every event applied once: an inbox row per message, a row per transaction and order, each
     * transaction stopped with its energy, each order settled once (a second settle would count
     * 2 and add its payment again), no dead letters.
     */
    private static void assertAppliedOnce(JdbcTemplate db, InjectedData data) {
        List<DeviceEvent.TransactionStopped> stops = events(data.deviceEvents, DeviceEvent.TransactionStopped.class);
        List<OrderEvent.OrderSettled> settlements = events(data.orderEvents, OrderEvent.OrderSettled.class);
        long energy = stops.stream().mapToLong(s -> s.meterStopWh() - s.meterStartWh()).sum();
        BigDecimal paid = settlements.stream().map(s -> s.paid().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(db.queryForObject("SELECT COUNT(*) FROM messaging_inbox WHERE consumer = ?", Long.class,
                DEVICE_CONSUMER)).as("device events applied").isEqualTo(data.deviceEvents.size());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM messaging_inbox WHERE consumer = ?", Long.class,
                ORDER_CONSUMER)).as("order events applied").isEqualTo(data.orderEvents.size());
        assertThat(rows(db, "messaging_dead_letter")).as("dead letters").isZero();

        assertThat(rows(db, "charger_transactions")).as("transactions").isEqualTo(stops.size());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM charger_transactions WHERE stopped_at IS NULL",
                Long.class)).as("transactions not stopped").isZero();
        assertThat(db.queryForObject("SELECT SUM(meter_stop_wh - meter_start_wh) FROM charger_transactions",
                Long.class)).as("energy delivered").isEqualTo(energy);

        assertThat(rows(db, "billed_orders")).as("orders").isEqualTo(settlements.size());
        assertThat(db.queryForList("SELECT DISTINCT settlements FROM billed_orders", Integer.class))
                .as("settlements per order").containsExactly(1);
        assertThat(db.queryForList("SELECT DISTINCT status FROM billed_orders", String.class))
                .containsExactly("SETTLED");
        assertThat(db.queryForObject("SELECT SUM(paid) FROM billed_orders", BigDecimal.class)).as("paid")
                .isEqualByComparingTo(paid);
    }

    /** Each row holds what its events said, whichever of them arrived first. */
    private static void assertMerged(JdbcTemplate db, InjectedData data) {
        Map<Integer, DeviceEvent.TransactionStopped> stops = new HashMap<>();
        Map<String, OrderEvent.OrderSettled> settlements = new HashMap<>();
        events(data.deviceEvents, DeviceEvent.TransactionStopped.class).forEach(e -> stops.put(e.transactionId(), e));
        events(data.orderEvents, OrderEvent.OrderSettled.class).forEach(e -> settlements.put(e.orderId(), e));
        for (DeviceEvent.TransactionStarted start : events(data.deviceEvents, DeviceEvent.TransactionStarted.class)) {
            DeviceEvent.TransactionStopped stop = stops.get(start.transactionId());
            assertThat(db.queryForMap("SELECT * FROM charger_transactions WHERE transaction_id = ?",
                    start.transactionId())).as("transaction %d", start.transactionId()).containsAllEntriesOf(Map.of(
                            "charge_point_id", start.chargePointId(), "connector_id", start.connectorId(),
                            "operator_code", start.operatorCode(), "id_tag", start.idTag(),
                            "session_id", start.sessionId(), "meter_start_wh", start.meterStartWh(),
                            "meter_stop_wh", stop.meterStopWh(), "started_at", Timestamp.from(start.timestamp()),
                            "stopped_at", Timestamp.from(stop.timestamp()), "stop_reason", stop.reason()));
        }
        for (OrderEvent.OrderOpened opened : events(data.orderEvents, OrderEvent.OrderOpened.class)) {
            OrderEvent.OrderSettled settled = settlements.get(opened.orderId());
            Map<String, Object> row = db.queryForMap("SELECT * FROM billed_orders WHERE order_id = ?",
                    opened.orderId());
            assertThat(row).as("order %s", opened.orderId()).containsAllEntriesOf(Map.of(
                    "session_id", opened.sessionId(), "user_id", opened.userId(),
                    "operator_code", opened.operatorCode(), "charge_point_id", opened.chargePointId(),
                    "connector_id", opened.connectorId(), "transaction_id", opened.transactionId(),
                    "status", "SETTLED", "energy_wh", settled.energyWh().wh(), "settlements", 1,
                    "stopped_at", Timestamp.from(settled.stoppedAt())));
            assertThat((BigDecimal) row.get("total")).as("total").isEqualByComparingTo(settled.total().amount());
            assertThat((BigDecimal) row.get("paid")).as("paid").isEqualByComparingTo(settled.paid().amount());
        }
    }

    private static <T> List<T> events(List<Object> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What the run found, per kind: the subjects of the mismatches linked to it. */
    private static Map<String, Set<String>> foundBy(JdbcTemplate db, String runId) {
        Map<String, Set<String>> found = new HashMap<>();
        db.query("SELECT m.kind, m.subject FROM run_mismatches r JOIN mismatches m ON m.id = r.mismatch_id "
                + "WHERE r.run_id = ?", rs -> {
                    found.computeIfAbsent(rs.getString("kind"), k -> new TreeSet<>()).add(rs.getString("subject"));
                }, runId);
        return found;
    }

    /** The statuses of the run's Spring Batch job executions, first to last. */
    private static List<String> jobExecutions(JdbcTemplate db, String runId) {
        return db.queryForList("""
                SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p
                  ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'runId'
                WHERE p.PARAMETER_VALUE = ? ORDER BY e.JOB_EXECUTION_ID""", String.class, runId);
    }
}
