package com.evplatform.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;
import com.evplatform.contract.Money;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.testsupport.TestTokens;
import com.rabbitmq.client.ConnectionFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingest rate and run speed of one reconciliation-service.
 *
 * <ol>
 * <li>the reference: the messaging library's single-message consumer alone
 * ({@link MessagingBenchmark#consumeOnly}), as many messages and as many partition queues as the ingest below,
 * in the same run, on the same vhost and Redis database, while reconciliation-service is idle;</li>
 * <li>ingest: N events (a quarter each of {@code device.transaction-started}, {@code -stopped},
 * {@code order.order-opened}, {@code -settled}, one of each per session, with consistent content) published to
 * {@code device.events} and {@code order.events} as the outbox relays publish them (the contract's records in the
 * messaging library's envelope, persistent, publisher confirms, partitioned by aggregate); events/s from the first
 * publish until reconciliation's inbox holds all N, then its tables are checked row by row kind;</li>
 * <li>a run at scale: P transaction/order pairs written straight into the service's tables, with a known set of
 * mismatches of four kinds injected, one run over their day through {@code POST /api/admin/reconciliation/runs}
 * (an ADMIN token this process signs and whose JWKS it serves), followed to its end; the run must report
 * exactly the injected mismatches, or the benchmark fails.</li>
 * </ol>
 * Run by {@code bench/reconciliation-throughput.sh} (through {@code bin/platform bench reconciliation}), which
 * starts reconciliation-service alone and writes the table this prints into docs/benchmarks.md.
 */
public final class ReconciliationBenchmark {

    private static final String CURRENCY = "CNY";
    private static final TariffSnapshot TARIFF = new TariffSnapshot(CURRENCY, List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40"))), "UTC");
    private static final String[] OPERATORS = {"BENCHOP1", "BENCHOP2", "BENCHOP3", "BENCHOP4"};
    private static final String[] KINDS = {"MISSING_ORDER", "ORPHAN_ORDER", "ENERGY_MISMATCH", "AMOUNT_MISMATCH"};
    /** The run's data set has transaction ids of its own, above those of the ingest. */
    private static final int RUN_TRANSACTIONS_FROM = 100_000_000;
    private static final int ROWS_PER_INSERT = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final EnvelopeCodec codec = new EnvelopeCodec(JSON);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicLong> versions = new HashMap<>();

    private ReconciliationBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new ReconciliationBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int events = options.getInt("events", 100_000) / 4 * 4;
        int pairs = options.getInt("pairs", 1_000_000);
        int mismatches = options.getInt("mismatches", 1_000) / KINDS.length * KINDS.length;
        String vhost = options.get("vhost", "ev-bench");
        String amqp = options.get("amqp", "amqp://guest:guest@127.0.0.1:5672/" + vhost);
        Path table = Path.of(options.get("table", "bench/target/reconciliation-benchmark/table.md"));
        int queues = DeviceEvents.EXCHANGE.partitions() + OrderEvents.EXCHANGE.partitions();
        ResourceUsage usage = usage();

        System.out.printf(Locale.ROOT, "reference: single-message consumer, %d partitions, %d messages%n", queues,
                events);
        MessagingBenchmark.recreateSchema();
        MessagingBenchmark.ConsumeResult reference = MessagingBenchmark.consumeOnly(queues, events, amqp,
                "spring.rabbitmq.virtual-host=" + vhost, "spring.data.redis.database=" + options.get("redis-db", "9"));
        System.out.println("reference: " + reference);

        Ingest ingest = ingest(events, amqp, usage);
        System.out.printf(Locale.ROOT, "ingest: %d events in %.1f s, %.0f events/s (%.1fx the reference)%n",
                ingest.events, ingest.seconds, ingest.perSecond(), ingest.perSecond() / reference.perSecond());

        Expected expected = writeRunData(pairs, mismatches);
        RunResult result = reconcile(expected, usage);
        System.out.printf(Locale.ROOT, "run: %d items checked in %.1f s, %.0f items/s%n", result.checked,
                result.seconds, result.checked / result.seconds);

        String text = table(reference, ingest, expected, result, queues);
        System.out.println(text);
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, text);
    }

    // ------------------------------------------------------------------------------------------ ingest

    /** What the ingest measured. */
    private record Ingest(int events, double seconds, double publishSeconds, int messageSize, Level usage,
            Peak peak, long fallbacks, long retried, long deadLettered) {
        double perSecond() {
            return events / seconds;
        }
    }

    private Ingest ingest(int events, String amqp, ResourceUsage usage) throws Exception {
        int sessions = events / 4;
        var factory = new ConnectionFactory();
        factory.setUri(amqp);
        long fallbacksBefore = logLines("failed on a batch");
        try (var connection = factory.newConnection("reconciliation-benchmark-publisher");
                var db = database()) {
            var publisher = new ConfirmedPublisher(connection.createChannel(), codec, 2_000);
            List<ConfirmedPublisher.Message> encoded = new ArrayList<>(events);
            Instant now = Instant.now();
            for (int s = 0; s < sessions; s++) {
                session(publisher, s, now, encoded);
            }
            Measurement measurement = measure(usage);
            long start = System.nanoTime();
            for (var message : encoded) {
                publisher.publish(message);
            }
            publisher.awaitConfirms();
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "ingest: %d events published and confirmed in %.1f s%n", events,
                    publishSeconds);
            long applied = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            while ((applied = count(db, "SELECT COUNT(*) FROM messaging_inbox WHERE consumer LIKE 'reconciliation.%'"))
                    < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + applied + " of " + events + " events ingested in time");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Level level = measurement.stop(seconds);
            Peak peak = measurement.sampler().stop();
            if (applied != events) {
                throw new IllegalStateException(applied + " events in the inbox, " + events + " published");
            }
            long stopped = count(db, "SELECT COUNT(*) FROM charger_transactions WHERE stopped_at IS NOT NULL "
                    + "AND session_id IS NOT NULL AND transaction_id < " + RUN_TRANSACTIONS_FROM);
            long settled = count(db, "SELECT COUNT(*) FROM billed_orders WHERE status = 'SETTLED' AND settlements = 1 "
                    + "AND started_at IS NOT NULL AND transaction_id < " + RUN_TRANSACTIONS_FROM);
            long deadLetters = count(db, "SELECT COUNT(*) FROM messaging_dead_letter");
            if (stopped != sessions || settled != sessions || deadLetters != 0) {
                throw new IllegalStateException("after ingest: " + stopped + " stopped transactions and " + settled
                        + " settled orders for " + sessions + " sessions, " + deadLetters + " dead letters");
            }
            String metrics = prometheus();
            return new Ingest(events, seconds, publishSeconds, publisher.messageSize(), level, peak,
                    logLines("failed on a batch") - fallbacksBefore, (long) metric(metrics, "messaging_retried_total"),
                    (long) metric(metrics, "messaging_dead_lettered_total"));
        }
    }

    /** One session's four events, as device-service's and order-service's relays publish them. */
    private void session(ConfirmedPublisher publisher, int s, Instant now, List<ConfirmedPublisher.Message> into) {
        int transactionId = s + 1;
        String chargePointId = String.format(Locale.ROOT, "RB-%05d", s % 2_000);
        String operator = OPERATORS[s % OPERATORS.length];
        String sessionId = UUID.randomUUID().toString();
        String orderId = UUID.randomUUID().toString();
        String userId = UUID.nameUUIDFromBytes(("reconciliation-bench-driver-" + s % 1_000).getBytes()).toString();
        long energy = 5_000 + (s % 40) * 500L;
        long meterStart = 1_000_000L + s;
        Instant stoppedAt = now.plusMillis(s);
        Instant startedAt = stoppedAt.minus(Duration.ofMinutes(45));
        Pricing.Bill bill = bill(energy);
        String idTag = "TAG" + transactionId;
        into.add(encode(publisher, DeviceEvents.EXCHANGE, DeviceEvents.TRANSACTION_STARTED, "device-service",
                DeviceEvents.aggregateOf(chargePointId), startedAt, new DeviceEvent.TransactionStarted(chargePointId, 1,
                        transactionId, idTag, "Accepted", sessionId, meterStart, startedAt, operator)));
        var opened = new OrderEvent.OrderOpened(orderId, sessionId, userId, operator, chargePointId, 1, transactionId,
                startedAt);
        into.add(encode(publisher, OrderEvents.EXCHANGE, OrderEvents.ORDER_OPENED, "order-service",
                opened.aggregateId(), startedAt, opened));
        into.add(encode(publisher, DeviceEvents.EXCHANGE, DeviceEvents.TRANSACTION_STOPPED, "device-service",
                DeviceEvents.aggregateOf(chargePointId), stoppedAt, new DeviceEvent.TransactionStopped(chargePointId, 1,
                        transactionId, idTag, sessionId, meterStart, meterStart + energy, startedAt, stoppedAt,
                        "Remote", List.of(), operator)));
        var settled = new OrderEvent.OrderSettled(orderId, sessionId, userId, operator, chargePointId, transactionId,
                bill.energy(), bill.total(), bill.total(), stoppedAt.plusSeconds(1), meterStart, meterStart + energy,
                startedAt, stoppedAt, TARIFF, bill.lines());
        into.add(encode(publisher, OrderEvents.EXCHANGE, OrderEvents.ORDER_SETTLED, "order-service",
                settled.aggregateId(), stoppedAt.plusSeconds(1), settled));
    }

    private <T> ConfirmedPublisher.Message encode(ConfirmedPublisher publisher, ExchangeDefinition exchange,
            MessageType<T> kind, String producer, String aggregate, Instant at, T payload) {
        long version = versions.computeIfAbsent(aggregate, key -> new AtomicLong()).incrementAndGet();
        return publisher.encode(exchange, new Envelope(MessageIds.next(), kind.name(), kind.schemaVersion(), at,
                producer, aggregate, version, TraceContext.currentOrNew(), codec.toTree(payload)));
    }

    // ------------------------------------------------------------------------------------------ run data

    /** The run's data set: its window, its size and the subjects a run must report, by kind. */
    private record Expected(Instant from, Instant to, int pairs, long transactions, long pricedOrders,
            Map<String, Set<String>> subjects, double writeSeconds) {
        int mismatches() {
            return subjects.values().stream().mapToInt(Set::size).sum();
        }
    }

    /**
     * {@code pairs} sessions of one day in four operators, each a stopped charger transaction and its settled
     * order, written with multi-row INSERTs (transactions and orders on two connections at once); every
     * {@code pairs / mismatches}-th pair carries a difference, the four kinds in turn.
     */
    private Expected writeRunData(int pairs, int mismatches) throws Exception {
        Instant from = Instant.parse(options.get("run-day", "2026-11-01T00:00:00Z"));
        Instant to = from.plus(Duration.ofDays(1));
        int every = mismatches == 0 ? Integer.MAX_VALUE : Math.max(1, pairs / mismatches);
        Map<String, Set<String>> subjects = new TreeMap<>();
        for (String kind : KINDS) {
            subjects.put(kind, new TreeSet<>());
        }
        String tariff = JSON.writeValueAsString(TARIFF);
        Map<Long, String> linesJson = new HashMap<>();
        long started = System.nanoTime();
        long[] written = new long[2];
        try (ExecutorService writers = Executors.newFixedThreadPool(2);
                var transactions = database(); var orders = database()) {
            transactions.setAutoCommit(true);
            orders.setAutoCommit(true);
            var txRows = new Rows(transactions, """
                    INSERT INTO charger_transactions (transaction_id, charge_point_id, connector_id, operator_code,
                        id_tag, session_id, meter_start_wh, meter_stop_wh, started_at, stopped_at, stop_reason,
                        changed_at)""", 12);
            var orderRows = new Rows(orders, """
                    INSERT INTO billed_orders (order_id, session_id, user_id, operator_code, charge_point_id,
                        connector_id, transaction_id, status, currency, total, paid, energy_wh, meter_start_wh,
                        meter_stop_wh, started_at, stopped_at, tariff, bill_lines, settlements, changed_at)""", 20);
            Future<?> pendingTx = null;
            Future<?> pendingOrders = null;
            Timestamp changed = Timestamp.from(Instant.now());
            for (int i = 0; i < pairs; i++) {
                int transactionId = RUN_TRANSACTIONS_FROM + i;
                String kind = i % every == every / 2 && i / every < mismatches ? KINDS[(i / every) % KINDS.length]
                        : null;
                String operator = OPERATORS[i % OPERATORS.length];
                String chargePointId = String.format(Locale.ROOT, "RC-%05d", i % 10_000);
                String sessionId = UUID.randomUUID().toString();
                String orderId = UUID.randomUUID().toString();
                long energy = 5_000 + (i % 40) * 500L;
                long meterStart = 1_000_000L + i;
                Instant stoppedAt = from.plusMillis((long) i * 86_400_000L / pairs);
                Timestamp stop = Timestamp.from(stoppedAt);
                Timestamp start = Timestamp.from(stoppedAt.minus(Duration.ofMinutes(40)));
                if (!"ORPHAN_ORDER".equals(kind)) {
                    txRows.add(transactionId, chargePointId, 1, operator, "TAG" + transactionId, sessionId, meterStart,
                            meterStart + energy, start, stop, "Remote", changed);
                    written[0]++;
                }
                if (!"MISSING_ORDER".equals(kind)) {
                    long billed = "ENERGY_MISMATCH".equals(kind) ? energy + 137 : energy;
                    Pricing.Bill bill = bill(billed);
                    Money total = "AMOUNT_MISMATCH".equals(kind) ? bill.total().plus(Money.of("0.37", CURRENCY))
                            : bill.total();
                    String lines = linesJson.computeIfAbsent(billed, wh -> JSON.writeValueAsString(bill.lines()));
                    orderRows.add(orderId, sessionId, UUID.randomUUID().toString(), operator, chargePointId, 1,
                            transactionId, "SETTLED", CURRENCY, total.amount(), total.amount(), billed, meterStart,
                            meterStart + billed, start, stop, tariff, lines, 1, changed);
                    written[1]++;
                }
                if (kind != null) {
                    subjects.get(kind).add("MISSING_ORDER".equals(kind) ? "tx:" + transactionId : "order:" + orderId);
                }
                if (txRows.full()) {
                    await(pendingTx);
                    pendingTx = writers.submit(txRows.flush());
                }
                if (orderRows.full()) {
                    await(pendingOrders);
                    pendingOrders = writers.submit(orderRows.flush());
                }
                if ((i + 1) % 200_000 == 0) {
                    System.out.printf(Locale.ROOT, "run data: %d of %d pairs written, %.0f s%n", i + 1, pairs,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            await(pendingTx);
            await(pendingOrders);
            txRows.flush().call();
            orderRows.flush().call();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "run data: %d transactions and %d orders written in %.1f s%n", written[0],
                written[1], seconds);
        return new Expected(from, to, pairs, written[0], written[1], subjects, seconds);
    }

    /** Rows gathered for one multi-row INSERT, handed to a writer thread when full. */
    private static final class Rows {
        private final Connection connection;
        private final String head;
        private final int columns;
        private List<Object[]> rows = new ArrayList<>(ROWS_PER_INSERT);

        Rows(Connection connection, String head, int columns) {
            this.connection = connection;
            this.head = head;
            this.columns = columns;
        }

        void add(Object... values) {
            if (values.length != columns) {
                throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
            }
            rows.add(values);
        }

        boolean full() {
            return rows.size() >= ROWS_PER_INSERT;
        }

        /** The INSERT of the rows gathered so far, to run; the next rows gather anew. */
        java.util.concurrent.Callable<Void> flush() {
            List<Object[]> batch = rows;
            rows = new ArrayList<>(ROWS_PER_INSERT);
            return () -> {
                if (batch.isEmpty()) {
                    return null;
                }
                String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
                try (PreparedStatement insert = connection.prepareStatement(head + " VALUES "
                        + String.join(", ", java.util.Collections.nCopies(batch.size(), row)))) {
                    int index = 1;
                    for (Object[] values : batch) {
                        for (Object value : values) {
                            insert.setObject(index++, value);
                        }
                    }
                    insert.executeUpdate();
                }
                return null;
            };
        }
    }

    private static void await(Future<?> pending) throws Exception {
        if (pending != null) {
            pending.get();
        }
    }

    // ------------------------------------------------------------------------------------------ the run

    /** What the run reported, and what it found against what was injected. */
    private record RunResult(String runId, long checked, long total, double seconds, Map<String, Long> reported,
            Map<String, Set<String>> found, Level usage, Peak peak) {
    }

    private RunResult reconcile(Expected expected, ResourceUsage usage) throws Exception {
        String service = options.get("service", "http://127.0.0.1:18085");
        try (TestTokens tokens = new TestTokens(options.getInt("jwks-port", 18086)); var db = database()) {
            String admin = tokens.admin();
            Measurement measurement = measure(usage);
            long start = System.nanoTime();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(service
                    + "/api/admin/reconciliation/runs")).timeout(GatewayClient.HTTP_TIMEOUT)
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + expected.from() + "\",\"to\":\""
                            + expected.to() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            GatewayClient.require(started, 2, "start a run");
            String runId = GatewayClient.json(started).path("runId").asString();
            JsonNode run;
            long lastPrint = 0;
            while (true) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service
                        + "/api/admin/reconciliation/runs/" + runId)).timeout(GatewayClient.HTTP_TIMEOUT)
                        .header("Authorization", "Bearer " + admin).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                GatewayClient.require(response, 2, "read run " + runId);
                run = GatewayClient.json(response);
                String status = run.path("status").asString();
                if (!"RUNNING".equals(status)) {
                    break;
                }
                if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "run %s: %d of %d checked, %.0f s%n", runId,
                            run.path("progress").path("done").asLong(), run.path("progress").path("total").asLong(),
                            (System.nanoTime() - start) / 1e9);
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Level level = measurement.stop(seconds);
            Peak peak = measurement.sampler().stop();
            if (!"COMPLETED".equals(run.path("status").asString())) {
                throw new IllegalStateException("run " + runId + " ended " + run);
            }
            Map<String, Long> reported = new TreeMap<>();
            run.path("summary").path("mismatches").properties()
                    .forEach(entry -> reported.put(entry.getKey(), entry.getValue().asLong()));
            Map<String, Set<String>> found = new TreeMap<>();
            try (var query = db.prepareStatement("SELECT m.kind, m.subject FROM mismatches m JOIN run_mismatches r "
                    + "ON r.mismatch_id = m.id WHERE r.run_id = ?")) {
                query.setString(1, runId);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
                    }
                }
            }
            var result = new RunResult(runId, run.path("summary").path("checked").asLong(),
                    run.path("progress").path("total").asLong(), seconds, reported, found, level, peak);
            verify(expected, result);
            return result;
        }
    }

    /** Every injected mismatch found, nothing else, every item in scope checked: or the benchmark fails. */
    private static void verify(Expected expected, RunResult result) {
        List<String> problems = new ArrayList<>();
        long items = expected.transactions() + expected.pricedOrders();
        if (result.checked() != items || result.total() != items) {
            problems.add("checked " + result.checked() + " of " + result.total() + " items, " + items + " in scope");
        }
        Set<String> kinds = new TreeSet<>(expected.subjects().keySet());
        kinds.addAll(result.found().keySet());
        kinds.addAll(result.reported().keySet());
        for (String kind : kinds) {
            Set<String> injected = expected.subjects().getOrDefault(kind, Set.of());
            Set<String> found = result.found().getOrDefault(kind, Set.of());
            long reported = result.reported().getOrDefault(kind, 0L);
            Set<String> missed = new TreeSet<>(injected);
            missed.removeAll(found);
            Set<String> extra = new TreeSet<>(found);
            extra.removeAll(injected);
            if (!missed.isEmpty() || !extra.isEmpty() || reported != injected.size()) {
                problems.add(kind + ": injected " + injected.size() + ", reported " + reported + ", missed "
                        + first(missed) + ", found besides " + first(extra));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("run " + result.runId() + " does not report what was injected:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static String first(Set<String> subjects) {
        return subjects.size() + (subjects.isEmpty() ? "" : " (e.g. " + subjects.iterator().next() + ")");
    }

    // ------------------------------------------------------------------------------------------ measuring

    /** A phase's usage, from the snapshot taken at its start, and the service's peaks, sampled meanwhile. */
    private record Measurement(ResourceUsage usage, ResourceUsage.Snapshot before, Sampler sampler) {
        Level stop(double seconds) throws java.io.IOException {
            Level level = new Level(0, Duration.ZERO);
            level.windowSeconds = seconds;
            usage.attribute(level, before, usage.snapshot());
            return level;
        }
    }

    private Measurement measure(ResourceUsage usage) throws java.io.IOException {
        return new Measurement(usage, usage.snapshot(), Sampler.start(servicePid(),
                options.get("service", "http://127.0.0.1:18085"), http, options.getInt("clk-tck", 100)));
    }

    /** The service's highest CPU share over one second, and its highest heap in use. */
    private record Peak(double cpuPercentOfCores, double heapMegabytes) {
    }

    /** Samples the service once a second: CPU ticks from /proc, heap in use from its Prometheus endpoint. */
    private static final class Sampler implements Runnable {
        private final long pid;
        private final String service;
        private final HttpClient http;
        private final int hz;
        private final int cores = Runtime.getRuntime().availableProcessors();
        private final Thread thread;
        private volatile boolean running = true;
        private double cpu;
        private double heap;

        private Sampler(long pid, String service, HttpClient http, int hz) {
            this.pid = pid;
            this.service = service;
            this.http = http;
            this.hz = hz;
            this.thread = Thread.ofPlatform().daemon().name("service-sampler").unstarted(this);
        }

        static Sampler start(long pid, String service, HttpClient http, int hz) {
            var sampler = new Sampler(pid, service, http, hz);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            long ticks = ticks();
            long at = System.nanoTime();
            while (running) {
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                long nowTicks = ticks();
                long now = System.nanoTime();
                double share = 100.0 * (nowTicks - ticks) / hz / ((now - at) / 1e9) / cores;
                ticks = nowTicks;
                at = now;
                synchronized (this) {
                    cpu = Math.max(cpu, share);
                    heap = Math.max(heap, heapMegabytes());
                }
            }
        }

        Peak stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            synchronized (this) {
                return new Peak(cpu, heap);
            }
        }

        private long ticks() {
            try {
                String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        private double heapMegabytes() {
            try {
                String text = http.send(HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                return metric(text, "jvm_memory_used_bytes{area=\"heap\"") / 1024 / 1024;
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /** The sum of a Prometheus text's samples whose line starts with {@code prefix}. */
    private static double metric(String text, String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private String prometheus() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(options.get("service", "http://127.0.0.1:18085")
                + "/actuator/prometheus")).timeout(GatewayClient.HTTP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Lines of the service's log containing {@code text} (0 without a log). */
    private long logLines(String text) throws Exception {
        String log = options.get("service-log", "");
        if (log.isEmpty() || !Files.exists(Path.of(log))) {
            return 0;
        }
        try (var lines = Files.lines(Path.of(log))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    private long servicePid() {
        return Long.parseLong(options.get("service-pid", "0"));
    }

    private ResourceUsage usage() {
        int port = URI.create(options.get("service", "http://127.0.0.1:18085")).getPort();
        return ResourceUsage.ofOneService(http, new ResourceUsage.Service("reconciliation-service", servicePid(),
                port), options);
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(options.get("db-url", "jdbc:mariadb://127.0.0.1:3306/bench_reconciliation"),
                Options.env("DB_ROOT_USER", "root"), Options.env("DB_ROOT_PASSWORD", ""));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** A one-segment bill for this much energy, priced by the platform's pricing function. */
    private static Pricing.Bill bill(long energyWh) {
        return Pricing.reprice(TARIFF, List.of(new Pricing.SegmentEnergy("00:00", energyWh, null, null, null)));
    }

    // ------------------------------------------------------------------------------------------ report

    private String table(MessagingBenchmark.ConsumeResult reference, Ingest ingest, Expected expected,
            RunResult run, int queues) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, Java %s. %s%n%n",
                Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                options.get("context", "")));
        out.append("| measurement | items | time | rate | CPU, % of 2 cores: reconciliation-service / MariaDB / "
                + "RabbitMQ / Redis / load generator | machine busy (other processes) | service peak: CPU 1 s / heap used |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| ingest through the batch consumer (%d partition queues, batches of "
                + "up to %s) | %d events | %.1f s | **%.0f events/s** | %s | %s | %.0f %% / %.0f MB |%n", queues,
                options.get("batch-size", "500"), ingest.events(), ingest.seconds(), ingest.perSecond(),
                cpu(ingest.usage()), busy(ingest.usage()), ingest.peak().cpuPercentOfCores(),
                ingest.peak().heapMegabytes()));
        out.append(String.format(Locale.ROOT, "| reference: messaging library's single-message consumer, consume only "
                + "(%d partitions, same run) | %d messages | %.1f s | %.0f msg/s | | | |%n", reference.partitions(),
                reference.messages(), reference.messages() / reference.perSecond(), reference.perSecond()));
        out.append(String.format(Locale.ROOT, "| **batch / single-message** | | | **%.1fx** | | | |%n",
                ingest.perSecond() / reference.perSecond()));
        out.append(String.format(Locale.ROOT, "| a run over one day: %d transaction/order pairs in %d operator "
                + "partitions (%s workers, chunks of %s) | %d items checked | %.1f s | **%.0f items/s** | %s | %s "
                + "| %.0f %% / %.0f MB |%n", expected.pairs(), OPERATORS.length, options.get("workers", "2"),
                options.get("chunk-size", "1000"), run.checked(), run.seconds(), run.checked() / run.seconds(),
                cpu(run.usage()), busy(run.usage()), run.peak().cpuPercentOfCores(),
                run.peak().heapMegabytes()));
        List<String> kinds = new ArrayList<>();
        expected.subjects().forEach((kind, subjects) -> kinds.add(String.format(Locale.ROOT, "%s %d/%d", kind,
                run.found().getOrDefault(kind, Set.of()).size(), subjects.size())));
        out.append(String.format(Locale.ROOT, "%nIngest: %d sessions, each a transaction started and stopped "
                + "(`device.events`) and an order opened and settled (`order.events`); messages of up to %d bytes "
                + "(the reference's: %d). All published and confirmed in %.1f s; all %d in reconciliation's inbox "
                + "and tables (every transaction stopped, every order settled once) %.1f s after the first publish. "
                + "Batches that failed and were applied again one message at a time: %d; messages retried: %d; "
                + "dead-lettered: %d.%n", ingest.events() / 4, ingest.messageSize(), reference.messageSize(),
                ingest.publishSeconds(), ingest.events(), ingest.seconds(), ingest.fallbacks(), ingest.retried(),
                ingest.deadLettered()));
        out.append(String.format(Locale.ROOT, "%nRun: %d transactions and %d priced orders in the window (written "
                + "straight into `bench_reconciliation` in %.0f s), %d mismatches injected; found/injected by kind: "
                + "%s, nothing else. Wall time from `POST /api/admin/reconciliation/runs` to the run's COMPLETED.%n",
                expected.transactions(), expected.pricedOrders(), expected.writeSeconds(), expected.mismatches(),
                String.join(", ", kinds)));
        return out.toString();
    }

    /** The machine's busy share, and what processes other than the measured ones used of it. */
    private static String busy(Level usage) {
        double measured = usage.cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format(Locale.ROOT, "%.0f %% (%.0f %%)", usage.machineBusy,
                Math.max(0, usage.machineBusy - measured));
    }

    private static String cpu(Level usage) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f",
                usage.cpu.getOrDefault("reconciliation-service", 0.0), usage.cpu.getOrDefault("MariaDB", 0.0),
                usage.cpu.getOrDefault("RabbitMQ", 0.0), usage.cpu.getOrDefault("Redis", 0.0),
                usage.cpu.getOrDefault("load generator", 0.0));
    }
}
