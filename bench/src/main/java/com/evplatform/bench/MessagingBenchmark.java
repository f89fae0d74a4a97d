package com.evplatform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.Envelope;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.messaging.consumer.ConsumerContainers;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;

/**
 * End-to-end throughput and latency of the messaging library (commit of the producing
 * transaction to commit of the consumer's effect), against RabbitMQ PerfTest's ceiling on the
 * same broker with the same message size, persistence, confirms, manual acks and quorum queues.
 *
 * <p>Run by {@code bin/platform bench}; writes its table into docs/benchmarks.md.
 */
public final class MessagingBenchmark {

    private static final int PRODUCER_THREADS = 4;
    private static final String MESSAGE_TYPE = "bench.meter-values";

    private MessagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        Path perfTestClasspath = Path.of(options.getOrDefault("perftest-classpath", "bench/target/perftest.classpath"));
        Path report = Path.of(options.getOrDefault("report", "docs/benchmarks.md"));

        recreateSchema();
        List<Result> results = new ArrayList<>();
        int messageSize = 0;
        for (int partitions : new int[] {1, 4}) {
            Result result = endToEnd(partitions, messages);
            results.add(result);
            messageSize = result.messageSize();
            System.out.println(result);
        }
        PerfTestResult perfTest = perfTest(perfTestClasspath, messageSize, messages);
        System.out.println(perfTest);
        double commitRate = commitRate(messages);
        System.out.println("MariaDB commits/s: " + commitRate);
        String table = table(results, perfTest, messages, commitRate);
        System.out.println(table);
        writeReport(report, table);
    }

    /**
     * @param perSecond saturated throughput: all messages offered at once
     * @param pacedRate the rate of the latency run (half the saturated throughput)
     * @param p50Millis latency at that paced rate, where queues do not build up
     */
    record Result(int partitions, int messages, int messageSize, double perSecond, double publishedPerSecond,
            double pacedRate, double p50Millis, double p99Millis) {
    }

    record PerfTestResult(double sendRate, double receiveRate, String command) {
    }

    /**
     * The end-to-end measurement alone (saturated, then paced at half that rate), e.g. as another
     * benchmark's reference in its own run; {@link #recreateSchema()} first.
     *
     * @param properties more Spring properties, e.g. {@code spring.rabbitmq.virtual-host=ev-bench}
     */
    static Result endToEnd(int partitions, int messages, String... properties) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
                .properties("bench.partitions=" + partitions).properties(properties).run();
        try {
            context.getBean(ConsumerContainers.class).start();
            var saturated = run(context, messages, 0);
            double pacedRate = Math.max(10, Math.floor(saturated.perSecond() / 2));
            int pacedMessages = (int) Math.min(messages, pacedRate * 15);
            var paced = run(context, pacedMessages, pacedRate);
            return new Result(partitions, messages, saturated.messageSize(), saturated.perSecond(),
                    saturated.publishedPerSecond(), pacedRate, paced.p50Millis(), paced.p99Millis());
        } finally {
            context.close();
        }
    }

    /** What {@link #consumeOnly} measured: messages/s from the first publish to the last effect's commit. */
    record ConsumeResult(int partitions, int messages, int messageSize, double perSecond) {
    }

    /**
     * The single-message consumer alone, as the reference for a batch consumer: {@code messages}, encoded
     * ahead, published straight to the exchange as a relay publishes them (persistent, publisher confirms; no outbox, no producing
     * transaction), taken by one unordered consumer per partition, each message in its own transaction with the
     * Redis claim, inbox row and one effect row, then acked. {@link #recreateSchema()} first.
     *
     * @param amqpUri the broker and virtual host the consumer's properties point at
     * @param properties more Spring properties, e.g. {@code spring.rabbitmq.virtual-host=ev-bench}
     */
    static ConsumeResult consumeOnly(int partitions, int messages, String amqpUri, String... properties)
            throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
                .properties("bench.partitions=" + partitions, "bench.ordered=false").properties(properties).run();
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(amqpUri);
        try (var connection = factory.newConnection("messaging-benchmark-consume-only")) {
            context.getBean(ConsumerContainers.class).start();
            var probe = context.getBean(LatencyProbe.class);
            var codec = context.getBean(EnvelopeCodec.class);
            var exchange = context.getBean(ExchangeDefinition.class);
            var publisher = new ConfirmedPublisher(connection.createChannel(), codec, 2_000);
            List<ConfirmedPublisher.Message> encoded = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                String key = "cp-" + (i % 1000);
                encoded.add(publisher.encode(exchange, new Envelope(MessageIds.next(), MESSAGE_TYPE, 1, Instant.now(),
                        "bench", key, 1, TraceContext.currentOrNew(),
                        codec.toTree(new BenchEvent(key, 1234567L, 7200, 55)))));
            }
            probe.expect(messages);
            long start = System.nanoTime();
            for (var message : encoded) {
                publisher.publish(message);
            }
            publisher.awaitConfirms();
            if (!probe.await(Duration.ofMinutes(20))) {
                throw new IllegalStateException("only " + probe.applied() + " of " + messages + " applied in time");
            }
            double seconds = (probe.lastAppliedNanos() - start) / 1e9;
            return new ConsumeResult(partitions, messages, publisher.messageSize(), messages / seconds);
        } finally {
            context.close();
        }
    }

    private record Run(int messageSize, double perSecond, double publishedPerSecond, double p50Millis,
            double p99Millis) {
    }

    /** Publishes {@code messages}, all at once ({@code rate} 0) or paced at {@code rate} per second. */
    private static Run run(ConfigurableApplicationContext context, int messages, double rate) throws Exception {
        var probe = context.getBean(LatencyProbe.class);
        var outbox = context.getBean(Outbox.class);
        var transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        var codec = context.getBean(EnvelopeCodec.class);
        var exchange = context.getBean(ExchangeDefinition.class);
        probe.expect(messages);

        ExecutorService producers = Executors.newFixedThreadPool(PRODUCER_THREADS);
        long start = System.nanoTime();
        int[] size = {0};
        for (int t = 0; t < PRODUCER_THREADS; t++) {
            int thread = t;
            producers.submit(() -> {
                for (int i = thread; i < messages; i += PRODUCER_THREADS) {
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    String key = "cp-" + (i % 1000);
                    // One domain change, one event: the common shape in the services.
                    Envelope envelope = transactions.execute(status -> outbox.publish(OutgoingMessage
                            .to(exchange.name()).type(MESSAGE_TYPE).aggregate(key)
                            .payload(new BenchEvent(key, 1234567L, 7200, 55))));
                    probe.committed(envelope.messageId(), System.nanoTime());
                    if (size[0] == 0) {
                        size[0] = codec.encode(envelope).length;
                    }
                }
                return null;
            });
        }
        producers.shutdown();
        producers.awaitTermination(10, TimeUnit.MINUTES);
        double publishedPerSecond = messages / ((System.nanoTime() - start) / 1e9);
        if (!probe.await(Duration.ofMinutes(10))) {
            throw new IllegalStateException("only " + probe.applied() + " of " + messages + " applied in time");
        }
        long elapsed = probe.lastAppliedNanos() - start;
        double[] latencies = probe.latenciesMillis();
        return new Run(size[0], messages / (elapsed / 1e9), publishedPerSecond, percentile(latencies, 50),
                percentile(latencies, 99));
    }

    private static PerfTestResult perfTest(Path classpathFile, int messageSize, int messages) throws Exception {
        String classpath = Files.readString(classpathFile).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String queue = "bench.perftest." + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = List.of(java, "-Xmx256m", "-cp", classpath, "com.rabbitmq.perf.PerfTest",
                "--uri", "amqp://guest:guest@" + env("RABBITMQ_HOST", "127.0.0.1") + ":" + env("RABBITMQ_PORT", "5672"),
                "--producers", "1", "--consumers", "1",
                "--queue", queue, "--auto-delete", "false",
                "--queue-args", "x-queue-type=quorum",
                "--flag", "persistent",
                "--confirm", "500",
                "--qos", "250",
                "--size", String.valueOf(messageSize),
                "--pmessages", String.valueOf(messages * 5),
                "--time", "20");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        deleteQueue(queue);
        double send = rate(output, "sending rate avg: (\\d+)");
        double receive = rate(output, "receiving rate avg: (\\d+)");
        String shown = String.join(" ", command.subList(4, command.size()));
        return new PerfTestResult(send, receive, "PerfTest " + shown);
    }

    private static double rate(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("PerfTest printed no '" + regex + "':\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String table(List<Result> results, PerfTestResult perfTest, int messages, double commitRate) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s, messages of %d bytes (envelope JSON).%n%n",
                Instant.now().toString().substring(0, 16) + "Z", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"), results.getFirst().messageSize()));
        out.append("| path | partitions | messages | msg/s end to end (saturated) | of PerfTest | outbox publish msg/s | latency run at | p50 ms | p99 ms |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        double ceiling = Math.min(perfTest.sendRate(), perfTest.receiveRate());
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| outbox -> relay -> consumer effect | %d | %d | %.0f | %.1f%% | %.0f | %.0f msg/s | %.1f | %.1f |%n",
                    r.partitions(), r.messages(), r.perSecond(), 100 * r.perSecond() / ceiling,
                    r.publishedPerSecond(), r.pacedRate(), r.p50Millis(), r.p99Millis()));
        }
        out.append(String.format(Locale.ROOT, "| RabbitMQ PerfTest (quorum, persistent, confirms, manual ack) | 1 queue | 20 s | %.0f sent / %.0f received | 100%% | | | | |%n",
                perfTest.sendRate(), perfTest.receiveRate()));
        out.append(String.format(Locale.ROOT, "| MariaDB alone: one-row INSERT + COMMIT, %d threads | | %d | %.0f commits/s | | | | | |%n",
                PRODUCER_THREADS, messages, commitRate));
        out.append("\nPerfTest command: `").append(perfTest.command()).append("`\n");
        return out.toString();
    }

    private static void writeReport(Path report, String table) throws IOException {
        String begin = "<!-- messaging-benchmark:begin -->";
        String end = "<!-- messaging-benchmark:end -->";
        String existing = Files.exists(report) ? Files.readString(report) : "";
        String section = begin + "\n" + table + end;
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        String updated = from >= 0 && to > from ? existing.substring(0, from) + section
                + existing.substring(to + end.length()) : existing + "\n" + section + "\n";
        Files.writeString(report, updated);
    }

    /**
     * The database's own ceiling for what every message costs at least twice (the producing
     * and the consuming transaction): single-row insert-and-commit, as many threads as producers.
     */
    private static double commitRate(int commits) throws Exception {
        String url = "jdbc:" + env("DB_KIND", "mariadb") + "://" + env("DB_HOST", "127.0.0.1") + ":"
                + env("DB_PORT", "3306") + "/messaging_bench";
        try (var connection = DriverManager.getConnection(url, env("DB_ROOT_USER", "root"),
                env("DB_ROOT_PASSWORD", "")); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "payload VARCHAR(400) NOT NULL)");
        }
        ExecutorService threads = Executors.newFixedThreadPool(PRODUCER_THREADS);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < PRODUCER_THREADS; t++) {
            done.add(threads.submit(() -> {
                try (var connection = DriverManager.getConnection(url, env("DB_ROOT_USER", "root"),
                        env("DB_ROOT_PASSWORD", ""));
                        var insert = connection.prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)")) {
                    connection.setAutoCommit(false);
                    for (int i = 0; i < commits / PRODUCER_THREADS; i++) {
                        insert.setString(1, "x".repeat(360));
                        insert.executeUpdate();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (var future : done) {
            future.get();
        }
        threads.shutdown();
        return commits / ((System.nanoTime() - start) / 1e9);
    }

    /** Quorum queues cannot be auto-delete: remove PerfTest's queue once it is done. */
    private static void deleteQueue(String queue) throws Exception {
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
        try (var connection = factory.newConnection(); var channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    static void recreateSchema() throws Exception {
        String url = "jdbc:" + env("DB_KIND", "mariadb") + "://" + env("DB_HOST", "127.0.0.1") + ":"
                + env("DB_PORT", "3306") + "/";
        try (var connection = DriverManager.getConnection(url, env("DB_ROOT_USER", "root"),
                env("DB_ROOT_PASSWORD", "")); var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS messaging_bench");
            statement.execute("CREATE DATABASE messaging_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private static double percentile(double[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A meter-values-like payload. */
    public record BenchEvent(String chargePointId, long meterWh, int powerW, int soc) {
    }

    /** Records, per message, the time from the producer's commit to the consumer's commit. */
    public static final class LatencyProbe {
        private final Map<UUID, Long> commits = new ConcurrentHashMap<>();
        private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong lastApplied = new AtomicLong();
        private volatile CountDownLatch remaining = new CountDownLatch(0);

        void expect(int count) {
            latencies.clear();
            commits.clear();
            lastApplied.set(0);
            remaining = new CountDownLatch(count);
        }

        void committed(UUID messageId, long nanos) {
            commits.put(messageId, nanos);
        }

        void applied(UUID messageId) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    long now = System.nanoTime();
                    // The consumer can commit before the producer thread records its own commit.
                    Long committed = commits.get(messageId);
                    latencies.add(committed == null ? 0L : Math.max(0, now - committed));
                    lastApplied.accumulateAndGet(now, Math::max);
                    remaining.countDown();
                }
            });
        }

        boolean await(Duration timeout) throws InterruptedException {
            return remaining.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        long applied() {
            return latencies.size();
        }

        long lastAppliedNanos() {
            return lastApplied.get();
        }

        double[] latenciesMillis() {
            synchronized (latencies) {
                return latencies.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
            }
        }
    }

    /** The benchmark's service: one exchange, one consumer writing one row per message. */
    @SpringBootApplication
    public static class BenchApplication {

        @Bean
        ExchangeDefinition benchExchange(Environment environment) {
            int partitions = environment.getProperty("bench.partitions", Integer.class, 1);
            return ExchangeDefinition.topic("bench.events.p" + partitions, partitions);
        }

        @Bean
        LatencyProbe latencyProbe() {
            return new LatencyProbe();
        }

        /** Ordered (version checks) unless {@code bench.ordered=false}, as for the consume-only measurement. */
        @Bean
        ConsumerDefinition benchConsumer(ExchangeDefinition benchExchange, JdbcTemplate jdbc, LatencyProbe probe,
                Environment environment) {
            boolean ordered = environment.getProperty("bench.ordered", Boolean.class, true);
            var consumer = ConsumerDefinition.named((ordered ? "bench.e2e.p" : "bench.consume.p")
                    + benchExchange.partitions()).from(benchExchange)
                    .on(MESSAGE_TYPE, BenchEvent.class, message -> {
                        jdbc.update("INSERT INTO bench_effect (message_id, aggregate_id, version) VALUES (?, ?, ?)",
                                message.envelope().messageId().toString(), message.envelope().aggregateId(),
                                message.envelope().aggregateVersion());
                        probe.applied(message.envelope().messageId());
                    })
                    .prefetch(250);
            return (ordered ? consumer.ordered(ConsumerDefinition.GapPolicy.REPORT) : consumer).build();
        }
    }

}
