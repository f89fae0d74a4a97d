package com.evplatform.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.MessageType;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.testsupport.TestTokens;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ConfirmListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Settlement throughput of one order-service: the load generator plays charging-service, publishing
 * {@code charging.session-started} + {@code charging.session-completed} pairs to {@code charging.events}
 * (envelopes as charging-service's outbox writes them, persistent, with publisher confirms), and learns of
 * each order's settlement from order-service's own {@code order.order-settled} event, on an exclusive queue
 * bound to {@code order.events}.
 *
 * <ol>
 * <li>the messaging benchmark's end-to-end measurement ({@link MessagingBenchmark#endToEnd}, 4 partitions
 * like {@code charging.events}) as the reference, in the same run, on the same vhost and Redis database;</li>
 * <li>wallets: every driver is credited through order-service's admin API, with an ADMIN token signed by a
 * key whose JWKS this process serves ({@link TestTokens}; order-service's {@code AUTH_JWKS_URI} points at
 * it);</li>
 * <li>a warm-up, then N completions as fast as order-service takes them (at most {@code window} published
 * and not yet settled, so the queues stay short): orders/s from the first publish to the N-th settled
 * event, checked against {@code orders.priced_at} in the database;</li>
 * <li>completions at half that rate for a fixed time: latency from publishing a completion to its
 * order-settled event's arrival here.</li>
 * </ol>
 * Run by {@code bench/settlement-throughput.sh} (through {@code bin/platform bench settlement}), which starts
 * order-service alone and writes the table this prints into docs/benchmarks.md.
 */
public final class SettlementBenchmark {

    private static final String CURRENCY = "CNY";
    private static final String PRODUCER = "charging-service";
    private static final TariffSnapshot TARIFF = new TariffSnapshot(CURRENCY, List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40"))), "Asia/Shanghai");
    private static final String SETTLED = OrderEvents.ORDER_SETTLED.name();
    private static final String UNPAID = OrderEvents.ORDER_UNPAID.name();

    private final Options options;
    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build());
    private final List<String> drivers = new ArrayList<>();
    /** Session id -> System.nanoTime when its completion was published, until its order is settled. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong nacks = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Phase phase;
    private Channel publisher;

    /** What one phase published and saw settled. */
    private static final class Phase {
        final String name;
        final int orders;
        final Semaphore window;
        final CountDownLatch remaining;
        final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger unpaid = new AtomicInteger();
        final AtomicLong lastArrival = new AtomicLong();
        long firstPublish;
        double publishSeconds;
        Level usage;

        Phase(String name, int orders, int window) {
            this.name = name;
            this.orders = orders;
            this.window = new Semaphore(window);
            this.remaining = new CountDownLatch(orders);
        }

        double perSecond() {
            return settled.get() / ((lastArrival.get() - firstPublish) / 1e9);
        }

        synchronized void record(long micros) {
            latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
        }

        synchronized double ms(double percentile) {
            return percentile >= 100 ? latency.getMaxValue() / 1000.0
                    : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private SettlementBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new SettlementBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int orders = options.getInt("orders", 100_000);
        int warmup = options.getInt("warmup", 5_000);
        int window = options.getInt("window", 2_000);
        Duration pacedFor = Duration.ofSeconds(options.getInt("paced-seconds", 60));
        int referenceMessages = options.getInt("reference-messages", 20_000);
        String vhost = options.get("vhost", "ev-bench");
        String orderService = options.get("order-service", "http://127.0.0.1:18084");
        Path table = Path.of(options.get("table", "bench/target/settlement-benchmark/table.md"));

        // 1. The reference, before order-service has any work, so that neither measurement loads the other.
        System.out.printf(Locale.ROOT, "reference: messaging end to end, 4 partitions, %d messages%n", referenceMessages);
        MessagingBenchmark.recreateSchema();
        MessagingBenchmark.Result reference = MessagingBenchmark.endToEnd(4, referenceMessages,
                "spring.rabbitmq.virtual-host=" + vhost, "spring.data.redis.database=" + options.get("redis-db", "9"));
        System.out.println("reference: " + reference);

        try (TestTokens tokens = new TestTokens(options.getInt("jwks-port", 18086))) {
            seedWallets(orderService, tokens.admin(), options.getInt("drivers", 1_000));
        }

        var factory = new ConnectionFactory();
        factory.setUri(options.get("amqp", "amqp://guest:guest@127.0.0.1:5672/" + vhost));
        try (Connection listening = factory.newConnection("settlement-benchmark-events");
                Connection publishing = factory.newConnection("settlement-benchmark-publisher")) {
            listen(listening.createChannel());
            publisher = publishing.createChannel();
            publisher.confirmSelect();
            publisher.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long deliveryTag, boolean multiple) {
                }

                @Override
                public void handleNack(long deliveryTag, boolean multiple) {
                    nacks.incrementAndGet();
                }
            });
            ResourceUsage usage = usage(orderService);

            Phase warm = saturated("warm-up", warmup, window, null);
            System.out.printf(Locale.ROOT, "warm-up: %d orders, %.0f orders/s%n", warm.settled.get(), warm.perSecond());
            long pricedBefore = pricedOrders();
            Phase full = saturated("saturated", orders, window, usage);
            long priced = pricedOrders() - pricedBefore;
            System.out.printf(Locale.ROOT, "saturated: %d orders settled (%d priced in the database), %.1f orders/s%n",
                    full.settled.get(), priced, full.perSecond());
            System.out.println("  cpu: " + LatencyReport.format(full.usage.cpu) + "; machine "
                    + Math.round(full.usage.machineBusy) + " %; order-service threads: "
                    + LatencyReport.format(full.usage.threads));
            double rate = Math.max(1, Math.floor(full.perSecond() / 2));
            Phase half = paced(rate, pacedFor, usage);
            System.out.printf(Locale.ROOT, "half rate: %.0f/s, %d orders, p50 %.1f p95 %.1f p99 %.1f max %.1f ms%n",
                    rate, half.settled.get(), half.ms(50), half.ms(95), half.ms(99), half.ms(100));
            publisher.waitForConfirmsOrDie(60_000);
            if (nacks.get() > 0) {
                throw new IllegalStateException(nacks.get() + " publishes were refused by the broker");
            }
            String text = table(full, priced, rate, half, reference, window, warmup);
            System.out.println(text);
            Files.createDirectories(table.toAbsolutePath().getParent());
            Files.writeString(table, text);
        }
    }

    // ------------------------------------------------------------------------------------------ wallets

    /** A generous credit for each driver, idempotent by a reference derived from the driver. */
    private void seedWallets(String orderService, String adminToken, int count) throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            drivers.add(UUID.nameUUIDFromBytes(("settlement-bench-driver-" + i).getBytes()).toString());
        }
        var client = new GatewayClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), orderService);
        AtomicInteger retried = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (String driver : drivers) {
                done.add(pool.submit(() -> retried.addAndGet(client.credit(adminToken, driver, "100000.00",
                        "settlement-bench-" + driver))));
            }
            for (var future : done) {
                future.get();
            }
        }
        System.out.printf(Locale.ROOT, "credited %d wallets with 100000.00 each in %.1f s (%d attempts retried "
                + "after a 5xx)%n", count, (System.nanoTime() - started) / 1e9, retried.get());
    }

    // ------------------------------------------------------------------------------------------ phases

    /** {@code orders} completions, at most {@code window} of them published and not yet settled. */
    private Phase saturated(String name, int orders, int window, ResourceUsage usage) throws Exception {
        Phase current = new Phase(name, orders, window);
        ResourceUsage.Snapshot before = usage == null ? null : usage.snapshot();
        phase = current;
        current.firstPublish = System.nanoTime();
        for (int i = 0; i < orders; i++) {
            current.window.acquire();
            publishSession();
        }
        current.publishSeconds = (System.nanoTime() - current.firstPublish) / 1e9;
        finish(current, usage, before);
        return current;
    }

    /** Completions at {@code rate} per second for {@code duration}. */
    private Phase paced(double rate, Duration duration, ResourceUsage usage) throws Exception {
        int orders = (int) (rate * duration.toSeconds());
        Phase current = new Phase("half rate", orders, 1_000_000); // no window: the rate is what it is
        ResourceUsage.Snapshot before = usage.snapshot();
        phase = current;
        current.firstPublish = System.nanoTime();
        for (int i = 0; i < orders; i++) {
            long wait = current.firstPublish + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            publishSession();
        }
        current.publishSeconds = (System.nanoTime() - current.firstPublish) / 1e9;
        finish(current, usage, before);
        return current;
    }

    private void finish(Phase current, ResourceUsage usage, ResourceUsage.Snapshot before) throws Exception {
        if (!current.remaining.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(current.name + ": only " + current.settled.get() + " of "
                    + current.orders + " orders settled in time (" + current.unpaid.get() + " unpaid)");
        }
        if (usage != null) {
            current.usage = new Level(0, Duration.ZERO);
            current.usage.windowSeconds = (current.lastArrival.get() - current.firstPublish) / 1e9;
            usage.attribute(current.usage, before, usage.snapshot());
        }
        if (current.unpaid.get() > 0) {
            throw new IllegalStateException(current.name + ": " + current.unpaid.get() + " orders were left unpaid");
        }
    }

    /** One session of a benchmark driver: its started and completed events, as charging-service publishes them. */
    private void publishSession() throws Exception {
        long n = sequence.incrementAndGet();
        String sessionId = UUID.randomUUID().toString();
        String userId = drivers.get((int) (n % drivers.size()));
        String chargePointId = String.format(Locale.ROOT, "BS-%04d", n % 500);
        int connectorId = (int) (n % 2) + 1;
        int transactionId = (int) (n % Integer.MAX_VALUE);
        long meterStartWh = 1_000_000 + n;
        long energyWh = 5_000 + (n % 40) * 500;
        Instant stoppedAt = Instant.now();
        Instant startedAt = stoppedAt.minus(Duration.ofMinutes(45));
        Pricing.Bill bill = Pricing.reprice(TARIFF, List.of(new Pricing.SegmentEnergy("00:00", energyWh, null, null,
                null)));
        ConnectorCode connector = ConnectorCode.of(chargePointId, connectorId);
        publish(ChargingEvents.SESSION_STARTED, sessionId, 1, startedAt, new SessionEvent.SessionStarted(sessionId,
                userId, "BENCHOPER", connector, chargePointId, connectorId, transactionId, meterStartWh, startedAt,
                TARIFF));
        pending.put(sessionId, System.nanoTime());
        publish(ChargingEvents.SESSION_COMPLETED, sessionId, 2, stoppedAt, new SessionEvent.SessionCompleted(sessionId,
                userId, "BENCHOPER", connector, chargePointId, connectorId, transactionId, meterStartWh,
                meterStartWh + energyWh, bill.energy(), startedAt, stoppedAt, StopReason.USER, bill.lines(),
                bill.total(), TARIFF));
    }

    private <T> void publish(MessageType<T> type, String sessionId, long version, Instant occurredAt, T payload)
            throws Exception {
        String aggregate = ChargingEvents.aggregateOf(sessionId);
        var envelope = new Envelope(MessageIds.next(), type.name(), type.schemaVersion(), occurredAt, PRODUCER,
                aggregate, version, TraceContext.currentOrNew(), codec.toTree(payload));
        // As the outbox relay sends it: persistent JSON with the message id and type as properties.
        var properties = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                .messageId(envelope.messageId().toString()).type(type.name()).build();
        publisher.basicPublish(ChargingEvents.EXCHANGE.name(), ChargingEvents.EXCHANGE.routingKey(type.name(),
                aggregate), properties, codec.encode(envelope));
    }

    // ------------------------------------------------------------------------------------------ events

    /** order-settled (and order-unpaid, which would be a failed set-up) on an exclusive queue of this process. */
    private void listen(Channel channel) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, OrderEvents.EXCHANGE.name(), "*." + SETTLED);
        channel.queueBind(queue, OrderEvents.EXCHANGE.name(), "*." + UNPAID);
        channel.basicConsume(queue, true, (tag, delivery) -> {
            long now = System.nanoTime();
            Envelope envelope = codec.decode(delivery.getBody());
            Long published = pending.remove(envelope.payload().path("sessionId").asString());
            Phase current = phase;
            if (published == null || current == null) {
                return;
            }
            if (SETTLED.equals(envelope.type())) {
                current.record((now - published) / 1_000);
                current.settled.incrementAndGet();
            } else {
                current.unpaid.incrementAndGet();
            }
            current.lastArrival.accumulateAndGet(now, Math::max);
            current.window.release();
            current.remaining.countDown();
        }, tag -> { });
    }

    private long pricedOrders() throws Exception {
        String url = options.get("db-url", "jdbc:mariadb://127.0.0.1:3306/bench_orders");
        try (var connection = DriverManager.getConnection(url, Options.env("DB_ROOT_USER", "root"),
                Options.env("DB_ROOT_PASSWORD", ""));
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE priced_at IS NOT NULL")) {
            result.next();
            return result.getLong(1);
        }
    }

    private ResourceUsage usage(String orderService) {
        long pid = Long.parseLong(options.get("order-pid", "0"));
        int port = URI.create(orderService).getPort();
        return ResourceUsage.ofOneService(HttpClient.newHttpClient(), new ResourceUsage.Service("order-service", pid,
                port), options);
    }

    // ------------------------------------------------------------------------------------------ report

    private String table(Phase full, long priced, double rate, Phase half, MessagingBenchmark.Result reference,
            int window, int warmup) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, Java %s. %s%n%n",
                Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                options.get("context", "")));
        out.append("| phase | orders | orders/s | completion published to order-settled received, p50 / p95 / p99 / max ms "
                + "| CPU, % of 2 cores: order-service / MariaDB / RabbitMQ / Redis / load generator | machine busy "
                + "| order-service messages consumed/s / published/s |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        out.append(row(String.format(Locale.ROOT, "saturated: all offered, at most %d completions in flight", window),
                full, String.format(Locale.ROOT, "**%.0f**", full.perSecond()),
                "(queueing at saturation, not reported)"));
        out.append(row(String.format(Locale.ROOT, "half rate: %.0f completions/s for %.0f s", rate, half.publishSeconds),
                half, String.format(Locale.ROOT, "%.0f", half.perSecond()),
                String.format(Locale.ROOT, "%.1f / %.1f / **%.1f** / %.1f", half.ms(50), half.ms(95), half.ms(99),
                        half.ms(100))));
        out.append(String.format(Locale.ROOT, "| reference: messaging benchmark end to end (outbox -> relay -> consumer "
                + "effect), 4 partitions, same run | %d messages | %.0f msg/s | p50 %.1f / p99 %.1f at %.0f msg/s | | | |%n",
                reference.messages(), reference.perSecond(), reference.p50Millis(), reference.p99Millis(),
                reference.pacedRate()));
        out.append(String.format(Locale.ROOT, "%nSaturated phase: %d orders settled, %d priced in `bench_orders.orders` "
                + "(`priced_at IS NOT NULL`) over the same phase; a warm-up of %d orders before it is not counted. "
                + "Each order is two consumed messages (session started, completed) and two published ones (order "
                + "opened, settled): %.0f orders/s is %.0f consumed messages/s, against the reference's %.0f.%n",
                full.settled.get(), priced, warmup, full.perSecond(), 2 * full.perSecond(), reference.perSecond()));
        if (full.usage != null && !full.usage.threads.isEmpty()) {
            out.append("\norder-service threads by CPU in the saturated phase (% of one core): ");
            List<String> threads = new ArrayList<>();
            full.usage.threads.forEach((name, share) -> threads.add(String.format(Locale.ROOT, "%s %.0f", name, share)));
            out.append(String.join(", ", threads)).append(".\n");
        }
        return out.toString();
    }

    private static String row(String name, Phase phase, String rate, String latency) {
        Level usage = phase.usage;
        String cpu = usage == null ? "" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f",
                usage.cpu.getOrDefault("order-service", 0.0), usage.cpu.getOrDefault("MariaDB", 0.0),
                usage.cpu.getOrDefault("RabbitMQ", 0.0), usage.cpu.getOrDefault("Redis", 0.0),
                usage.cpu.getOrDefault("load generator", 0.0));
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", name, phase.settled.get(), rate,
                latency, cpu, usage == null ? "" : String.format(Locale.ROOT, "%.0f %%", usage.machineBusy),
                usage == null ? "" : String.format(Locale.ROOT, "%.0f / %.0f", usage.consumed, usage.published));
    }
}
