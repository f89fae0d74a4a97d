package com.evplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-to-charging latency through the gateway: drivers start sessions ({@code POST /api/charging/sessions},
 * 202) at a fixed rate on connectors of simulated chargers (connected through the gateway, accepting remote
 * starts), and each session is followed on {@code charging.events} (the load generator's own queue) until it
 * is CHARGING; then it is stopped and, once COMPLETED, its driver and connector go back to the pool.
 *
 * <p>Two steps, run by {@code bench/charging-latency.sh} (through {@code bin/platform bench charging}):
 * <pre>
 * setup --gateway=URL --admin-user=U --admin-password=P --chargers=N --connectors=C --charger-prefix=BC-
 *       --charger-password=PW --drivers=D --state=FILE
 * run   --gateway=URL --state=FILE --rates=25,50,100,200 --duration=30s --services=name:pid:port,...
 *       --infra-pids=1,2 --simulator-pid=PID --report=docs/benchmarks.md --context=TEXT
 * </pre>
 */
public final class ChargingLatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHARGING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMPLETED_TIMEOUT = Duration.ofSeconds(90);
    /** After COMPLETED, the charger's Finishing/Available statuses are on their way: wait before reusing the connector. */
    private static final Duration COOL_DOWN = Duration.ofMillis(500);
    private static final String BEGIN = "<!-- charging-benchmark:begin -->";
    private static final String END = "<!-- charging-benchmark:end -->";
    private static final double TARGET_RATE = 200;
    private static final double TARGET_P99_MS = 250;

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String gateway;
    private SessionEvents events;

    private ChargingLatencyBenchmark(String gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ChargingLatencyBenchmark setup|run --option=value ...");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        var benchmark = new ChargingLatencyBenchmark(options.getOrDefault("gateway", "http://127.0.0.1:18080"));
        switch (args[0]) {
            case "setup" -> benchmark.setup(options);
            case "run" -> benchmark.run(options);
            default -> throw new IllegalArgumentException("setup or run, not " + args[0]);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------ set-up

    private record Unit(String driver, String token, String connectorCode) {
    }

    private void setup(Map<String, String> options) throws Exception {
        int chargers = Integer.parseInt(options.getOrDefault("chargers", "200"));
        int connectors = Integer.parseInt(options.getOrDefault("connectors", "2"));
        int drivers = Integer.parseInt(options.getOrDefault("drivers", "400"));
        String prefix = options.getOrDefault("charger-prefix", "BC-");
        String chargerPassword = options.get("charger-password");
        Path state = Path.of(options.get("state"));
        if (drivers > chargers * connectors) {
            throw new IllegalArgumentException("need at least as many connectors as drivers");
        }
        long started = System.nanoTime();
        String admin = login(options.get("admin-user"), options.get("admin-password"));

        String operator = "BENCHOPER";
        HttpResponse<String> created = send(post("/api/admin/operators", admin,
                "{\"code\":\"" + operator + "\",\"name\":\"Bench operator\"}"));
        if (created.statusCode() != 201 && created.statusCode() != 200 && created.statusCode() != 409) {
            throw new IllegalStateException("operator: " + created.statusCode() + " " + created.body());
        }
        // device-service learns operators from auth-service's events: a station can be created once it has.
        String stationBody = "{\"name\":\"Bench station\",\"address\":\"1 Bench Road\",\"latitude\":31.23,"
                + "\"longitude\":121.47,\"operatorCode\":\"" + operator + "\"}";
        String stationId = null;
        for (int attempt = 0; attempt < 120 && stationId == null; attempt++) {
            HttpResponse<String> station = send(post("/api/admin/stations", admin, stationBody));
            if (station.statusCode() / 100 == 2) {
                stationId = JSON.readTree(station.body()).path("stationId").asString();
            } else {
                Thread.sleep(500);
            }
        }
        if (stationId == null) {
            throw new IllegalStateException("device-service never learnt operator " + operator);
        }
        HttpResponse<String> tariff = send(request("/api/admin/stations/" + stationId + "/tariff", admin)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currency\":\"CNY\",\"segments\":[{\"start\":\"00:00\","
                        + "\"electricityFee\":\"0.60\",\"serviceFee\":\"0.40\"}]}"))
                .build());
        require(tariff, 2, "tariff");

        List<String> connectorCodes = new ArrayList<>(java.util.Collections.nCopies(chargers * connectors, null));
        String station = stationId;
        parallel(chargers, 8, i -> {
            String id = prefix + String.format(Locale.ROOT, "%04d", i + 1);
            HttpResponse<String> response = send(post("/api/admin/chargers", admin, "{\"chargePointId\":\"" + id
                    + "\",\"stationId\":\"" + station + "\",\"connectors\":" + connectors + ",\"password\":\""
                    + chargerPassword + "\"}"));
            require(response, 2, "charger " + id);
            JsonNode list = JSON.readTree(response.body()).path("connectors");
            for (int c = 0; c < connectors; c++) {
                connectorCodes.set(i * connectors + c, list.get(c).path("connectorCode").asString());
            }
        });
        System.out.printf(Locale.ROOT, "registered %d chargers (%d connectors) in %.0f s%n", chargers,
                chargers * connectors, (System.nanoTime() - started) / 1e9);

        List<Unit> units = new ArrayList<>(java.util.Collections.nCopies(drivers, null));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        parallel(drivers, 8, i -> {
            String username = "bench.driver." + run + "." + i;
            String password = "bench-driver-password-" + i;
            String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
            require(send(post("/api/auth/register", null, body)), 2, "register " + username);
            units.set(i, new Unit(username, login(username, password), connectorCodes.get(i)));
        });
        List<String> lines = new ArrayList<>();
        for (Unit unit : units) {
            lines.add(unit.driver() + " " + unit.token() + " " + unit.connectorCode());
        }
        Files.write(state, lines);
        System.out.printf(Locale.ROOT, "registered %d drivers; set-up took %.0f s%n", drivers,
                (System.nanoTime() - started) / 1e9);
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> response = send(post("/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        require(response, 2, "login " + username);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    private interface Task {
        void run(int index) throws Exception;
    }

    private static void parallel(int count, int threads, Task task) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore permits = new Semaphore(threads);
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        task.run(index);
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ run

    /** What one rate step measured. */
    private static final class Level {
        final double rate;
        final Duration duration;
        final Recorder toCharging = new Recorder(3);
        final Recorder toAccepted = new Recorder(3);
        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger charging = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger late = new AtomicInteger();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> stopErrors = new ConcurrentHashMap<>();
        double issuingSeconds;
        Histogram charged;
        Histogram accept;
        Map<String, Double> cpu = new LinkedHashMap<>();
        double machineBusy;
        double published;
        double consumed;
        double windowSeconds;
        Map<String, Double> threads = new LinkedHashMap<>();
        String busiest;

        Level(double rate, Duration duration) {
            this.rate = rate;
            this.duration = duration;
        }

        void error(Map<String, AtomicInteger> into, String what) {
            into.computeIfAbsent(what, key -> new AtomicInteger()).incrementAndGet();
        }

        int errorCount() {
            return errors.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private record Service(String name, long pid, int port) {
    }

    private void run(Map<String, String> options) throws Exception {
        List<Unit> units = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(options.get("state")))) {
            String[] parts = line.split(" ");
            units.add(new Unit(parts[0], parts[1], parts[2]));
        }
        List<Double> rates = new ArrayList<>();
        for (String rate : options.getOrDefault("rates", "25,50,100,200").split(",")) {
            rates.add(Double.parseDouble(rate));
        }
        Duration duration = duration(options.getOrDefault("duration", "30s"));
        List<Service> services = new ArrayList<>();
        for (String entry : options.getOrDefault("services", "").split(",")) {
            if (!entry.isBlank()) {
                String[] parts = entry.split(":");
                services.add(new Service(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
            }
        }
        List<Long> infraPids = new ArrayList<>();
        for (String pid : options.getOrDefault("infra-pids", "").split("[ ,]")) {
            if (!pid.isBlank()) {
                infraPids.add(Long.parseLong(pid));
            }
        }
        long simulatorPid = Long.parseLong(options.getOrDefault("simulator-pid", "0"));
        int hz = Integer.parseInt(options.getOrDefault("clk-tck", "100"));
        Path report = Path.of(options.getOrDefault("report", "docs/benchmarks.md"));

        events = SessionEvents.listen(options.getOrDefault("amqp", "amqp://guest:guest@127.0.0.1:5672/ev-bench"));
        LinkedBlockingQueue<Unit> pool = new LinkedBlockingQueue<>(units);
        String warmup = options.getOrDefault("warmup", "20:15s");
        Level warm = new Level(Double.parseDouble(warmup.split(":")[0]), duration(warmup.split(":")[1]));
        System.out.printf(Locale.ROOT, "warm-up: %.0f starts/s for %d s%n", warm.rate, warm.duration.toSeconds());
        runLevel(warm, pool, units.size());
        System.out.println("warm-up: " + summary(warm));

        List<Level> levels = new ArrayList<>();
        for (double rate : rates) {
            Level level = new Level(rate, duration);
            Map<String, Long> cpu0 = cpuTicks(services, infraPids, simulatorPid);
            long[] machine0 = machineTicks();
            Map<String, Map<Long, long[]>> threads0 = threadTicks(services);
            double[] messages0 = messages(services);
            long started = System.nanoTime();
            System.out.printf(Locale.ROOT, "level: %.0f starts/s for %d s%n", rate, duration.toSeconds());
            runLevel(level, pool, units.size());
            level.windowSeconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> cpu1 = cpuTicks(services, infraPids, simulatorPid);
            long[] machine1 = machineTicks();
            Map<String, Map<Long, long[]>> threads1 = threadTicks(services);
            double[] messages1 = messages(services);
            int cores = Runtime.getRuntime().availableProcessors();
            for (String name : cpu0.keySet()) {
                level.cpu.put(name, 100.0 * (cpu1.get(name) - cpu0.get(name)) / hz / level.windowSeconds / cores);
            }
            level.machineBusy = 100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]);
            level.published = (messages1[0] - messages0[0]) / level.windowSeconds;
            level.consumed = (messages1[1] - messages0[1]) / level.windowSeconds;
            level.busiest = services.stream().map(Service::name)
                    .max(Comparator.comparingDouble(name -> level.cpu.getOrDefault(name, 0.0))).orElse(null);
            if (level.busiest != null) {
                level.threads = threadShares(threads0.get(level.busiest), threads1.get(level.busiest), hz,
                        level.windowSeconds);
            }
            levels.add(level);
            System.out.println("level " + (int) rate + ": " + summary(level));
            System.out.println("  cpu: " + format(level.cpu) + "; machine " + Math.round(level.machineBusy) + " %");
            System.out.println("  threads of " + level.busiest + ": " + format(level.threads));
        }
        String table = table(levels, options.getOrDefault("context", ""), messagingCeiling(report), units.size());
        System.out.println(table);
        writeReport(report, table);
    }

    /** Issues starts at the level's rate for its duration, then waits for every session it started to finish. */
    private void runLevel(Level level, LinkedBlockingQueue<Unit> pool, int units) throws Exception {
        long interval = (long) (1e9 / level.rate);
        long start = System.nanoTime();
        long end = start + level.duration.toNanos();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long k = 0; ; k++) {
                long due = start + k * interval;
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Unit unit = pool.poll();
                if (unit == null) {
                    // Every driver/connector pair is busy: the platform is not keeping up with this rate.
                    level.late.incrementAndGet();
                    unit = pool.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (unit == null) {
                        break;
                    }
                }
                Unit taken = unit;
                level.issued.incrementAndGet();
                sessions.submit(() -> session(level, taken, pool));
            }
            level.issuingSeconds = (System.nanoTime() - start) / 1e9;
        }
        level.charged = level.toCharging.getIntervalHistogram();
        level.accept = level.toAccepted.getIntervalHistogram();
        // All units back (the executor's close waited for every session): the next level starts clean.
        if (pool.size() != units) {
            System.out.println("  " + (units - pool.size()) + " driver/connector pairs were not returned");
        }
    }

    private void session(Level level, Unit unit, LinkedBlockingQueue<Unit> pool) {
        boolean reusable = true;
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> started = send(post("/api/charging/sessions", unit.token(),
                    "{\"connectorCode\":\"" + unit.connectorCode() + "\"}", "Idempotency-Key", UUID.randomUUID().toString()));
            long accepted = System.nanoTime();
            if (started.statusCode() != 202) {
                level.error(level.errors, "start " + started.statusCode() + " " + code(started.body()));
                return;
            }
            level.accepted.incrementAndGet();
            level.toAccepted.recordValue((accepted - t0) / 1000);
            String sessionId = JSON.readTree(started.body()).path("sessionId").asString();
            // charging-service publishes charging.session-started once the session is CHARGING (in the
            // same transaction as the snapshot); the listener notes when it arrived here.
            SessionEvents.Outcome outcome = events.started(sessionId, CHARGING_TIMEOUT);
            if (outcome != null && outcome.type().equals(SessionEvents.STARTED)) {
                level.toCharging.recordValue((outcome.arrivedNanos() - t0) / 1000);
                level.charging.incrementAndGet();
            } else {
                String status = outcome == null ? "still STARTING" : outcome.type();
                level.error(level.errors, "not CHARGING after " + CHARGING_TIMEOUT.toSeconds() + " s: " + status
                        + (outcome != null && outcome.failureReason() != null ? " (" + outcome.failureReason() + ")" : ""));
                if (outcome != null) {
                    return;
                }
            }
            HttpResponse<String> stop = send(post("/api/charging/sessions/" + sessionId + "/stop", unit.token(), ""));
            if (stop.statusCode() != 202) {
                level.error(level.stopErrors, "stop " + stop.statusCode() + " " + code(stop.body()));
            }
            if (events.ended(sessionId, COMPLETED_TIMEOUT) != null) {
                level.completed.incrementAndGet();
                return;
            }
            level.error(level.stopErrors, "not COMPLETED " + COMPLETED_TIMEOUT.toSeconds() + " s after stop");
            reusable = false;
        } catch (Exception e) {
            level.error(level.errors, e.getClass().getSimpleName());
        } finally {
            try {
                Thread.sleep(COOL_DOWN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reusable) {
                pool.add(unit);
            }
        }
    }

    private static String summary(Level level) {
        Histogram h = level.charged;
        return String.format(Locale.ROOT,
                "issued %d (%.1f/s), 202 %d, CHARGING %d, completed %d, late %d, p50 %.1f p90 %.1f p99 %.1f max %.1f ms,"
                        + " 202 p50 %.1f p99 %.1f ms, errors %s, stop errors %s, published %.0f msg/s",
                level.issued.get(), level.issued.get() / Math.max(level.issuingSeconds, 1e-9), level.accepted.get(),
                level.charging.get(), level.completed.get(), level.late.get(), ms(h, 50), ms(h, 90), ms(h, 99),
                h.getMaxValue() / 1000.0, ms(level.accept, 50), ms(level.accept, 99), level.errors, level.stopErrors, level.published);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    // ------------------------------------------------------------------------------------------ report

    private static String table(List<Level> levels, String context, String ceiling, int units) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, Java %s. %s%n%n",
                Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "Z"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), context));
        List<String> names = new ArrayList<>(levels.getFirst().cpu.keySet());
        out.append("| offered starts/s | started/s (late) | reached CHARGING | start to CHARGING p50 / p90 / p99 / max, ms"
                + " | 202 p50 / p99, ms | errors | outbox messages published/s (per session) | CPU, % of "
                + Runtime.getRuntime().availableProcessors() + " cores: " + String.join(" / ", names)
                + " | machine busy |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Level level : levels) {
            Histogram h = level.charged;
            double startedPerSecond = level.issued.get() / Math.max(level.issuingSeconds, 1e-9);
            StringBuilder cpu = new StringBuilder();
            for (String name : names) {
                if (!cpu.isEmpty()) {
                    cpu.append(" / ");
                }
                cpu.append(String.format(Locale.ROOT, "%.0f", level.cpu.get(name)));
            }
            out.append(String.format(Locale.ROOT,
                    "| %.0f | %.1f (%d) | %d of %d | **%.0f** / %.0f / **%.0f** / %.0f | %.0f / %.0f | %s | %.0f (%.1f) | %s | %.0f %% |%n",
                    level.rate, startedPerSecond, level.late.get(), level.charging.get(), level.issued.get(),
                    ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0, ms(level.accept, 50),
                    ms(level.accept, 99), errors(level), level.published, level.published / Math.max(startedPerSecond, 1e-9), cpu, level.machineBusy));
        }
        out.append('\n');
        Level sustained = null;
        for (Level level : levels) {
            double startedPerSecond = level.issued.get() / Math.max(level.issuingSeconds, 1e-9);
            if (level.errorCount() == 0 && level.charging.get() == level.issued.get()
                    && startedPerSecond >= 0.95 * level.rate) {
                sustained = level;
            }
        }
        Level atTarget = levels.stream().filter(level -> level.rate == TARGET_RATE).findFirst().orElse(null);
        if (atTarget != null) {
            double p99 = ms(atTarget.charged, 99);
            double startedPerSecond = atTarget.issued.get() / Math.max(atTarget.issuingSeconds, 1e-9);
            boolean met = p99 < TARGET_P99_MS && atTarget.errorCount() == 0 && startedPerSecond >= 0.95 * TARGET_RATE
                    && atTarget.charging.get() == atTarget.issued.get();
            out.append(String.format(Locale.ROOT, "Target (p99 below %.0f ms at %.0f starts/s): **%s**: p99 %.0f ms, "
                    + "%.1f starts/s reached, %d errors.%n", TARGET_P99_MS, TARGET_RATE, met ? "met" : "not met", p99,
                    startedPerSecond, atTarget.errorCount()));
        }
        out.append(sustained == null
                ? "Sustained without errors: none of the measured rates (every level had errors, late starts or sessions that did not reach CHARGING).\n"
                : String.format(Locale.ROOT, "Sustained without errors: %.0f session starts/s (the highest level with every "
                        + "session CHARGING, no error and at least 95 %% of the offered rate started; p99 %.0f ms).%n",
                        sustained.rate, ms(sustained.charged, 99)));
        if (!ceiling.isEmpty()) {
            out.append(ceiling).append('\n');
        }
        Level last = levels.getLast();
        if (last.busiest != null) {
            out.append(String.format(Locale.ROOT, "%nThreads of the busiest service at %.0f starts/s, %s (%% of one core):%n%n",
                    last.rate, last.busiest));
            out.append("| thread group | CPU, % of one core |\n|---|---|\n");
            last.threads.forEach((name, share) -> out.append(String.format(Locale.ROOT, "| %s | %.1f |%n", name, share)));
        }
        List<String> stopErrors = new ArrayList<>();
        for (Level level : levels) {
            if (!level.stopErrors.isEmpty()) {
                stopErrors.add(String.format(Locale.ROOT, "%.0f/s: %s", level.rate, level.stopErrors));
            }
        }
        if (!stopErrors.isEmpty()) {
            out.append("\nErrors while stopping (not counted above): ").append(String.join("; ", stopErrors)).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%n%d driver/connector pairs; a pair is reused %d ms after its session "
                + "is COMPLETED. Latency runs from sending the POST to the arrival of the session's "
                + "charging.session-started event (published with the CHARGING snapshot) at the load generator, which "
                + "listens on charging.events instead of polling, so that its own load does not distort the figures.%n",
                units, COOL_DOWN.toMillis()));
        return out.toString();
    }

    private static String errors(Level level) {
        if (level.errors.isEmpty()) {
            return "0";
        }
        Map<String, Integer> sorted = new TreeMap<>();
        level.errors.forEach((key, value) -> sorted.put(key, value.get()));
        StringBuilder out = new StringBuilder().append(level.errorCount()).append(": ");
        sorted.forEach((key, value) -> out.append(value).append("× ").append(key.replace("|", "/")).append("; "));
        return out.substring(0, out.length() - 2);
    }

    /** The messaging benchmark's end-to-end rates, from its section of the same report. */
    private static String messagingCeiling(Path report) throws IOException {
        if (!Files.exists(report)) {
            return "";
        }
        Matcher row = Pattern.compile("(?m)^\\| outbox -> relay -> consumer effect \\| (\\d+) \\| \\d+ \\| (\\d+) \\|")
                .matcher(Files.readString(report));
        List<String> found = new ArrayList<>();
        while (row.find()) {
            found.add(row.group(2) + " msg/s with " + row.group(1) + " partition" + ("1".equals(row.group(1)) ? "" : "s"));
        }
        return found.isEmpty() ? "" : "The messaging benchmark's end-to-end ceiling on this machine (one consumer, "
                + "section above): " + String.join(", ", found) + ".";
    }

    private static void writeReport(Path report, String table) throws IOException {
        String existing = Files.exists(report) ? Files.readString(report) : "";
        String section = BEGIN + "\n" + table + END;
        int from = existing.indexOf(BEGIN);
        int to = existing.indexOf(END);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + section + existing.substring(to + END.length())
                : existing.stripTrailing() + "\n\n## Start-to-charging latency\n\n" + section + "\n";
        Files.writeString(report, updated);
    }

    // ------------------------------------------------------------------------------------------ measuring

    private static Map<String, Long> cpuTicks(List<Service> services, List<Long> infra, long simulator) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Service service : services) {
            ticks.put(service.name(), processTicks(service.pid()));
        }
        long infraTicks = 0;
        for (long pid : infra) {
            infraTicks += processTicks(pid);
        }
        ticks.put("MariaDB+RabbitMQ+Redis", infraTicks);
        if (simulator > 0) {
            ticks.put("simulator", processTicks(simulator));
        }
        ticks.put("load generator", processTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    private static long processTicks(long pid) {
        return ticksOf(Path.of("/proc/" + pid + "/stat"));
    }

    private static long ticksOf(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long[] machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long busy = 0;
        long total = 0;
        for (int i = 1; i <= 8 && i < cpu.length; i++) {
            long value = Long.parseLong(cpu[i]);
            total += value;
            if (i != 4 && i != 5) {
                busy += value;
            }
        }
        return new long[] {busy, total};
    }

    /** Per service: thread id -> ticks; the threads' names go to {@link #THREAD_NAMES}. */
    private static Map<String, Map<Long, long[]>> threadTicks(List<Service> services) {
        Map<String, Map<Long, long[]>> all = new HashMap<>();
        for (Service service : services) {
            Map<Long, long[]> threads = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + service.pid() + "/task"))) {
                tasks.forEach(task -> {
                    long tid = Long.parseLong(task.getFileName().toString());
                    threads.put(tid, new long[] {ticksOf(task.resolve("stat"))});
                    try {
                        THREAD_NAMES.put(tid, Files.readString(task.resolve("comm")).trim());
                    } catch (IOException e) {
                        // the thread ended
                    }
                });
            } catch (IOException e) {
                // the process ended
            }
            all.put(service.name(), threads);
        }
        return all;
    }

    private static final Map<Long, String> THREAD_NAMES = new ConcurrentHashMap<>();

    private static Map<String, Double> threadShares(Map<Long, long[]> before, Map<Long, long[]> after, int hz,
            double seconds) {
        Map<String, Double> groups = new HashMap<>();
        if (before == null || after == null) {
            return groups;
        }
        after.forEach((tid, ticks) -> {
            long[] earlier = before.get(tid);
            long used = ticks[0] - (earlier == null ? 0 : earlier[0]);
            if (used > 0) {
                String name = THREAD_NAMES.getOrDefault(tid, "?").replaceAll("[#-]?\\d+$", "").replaceAll("-$", "");
                groups.merge(name, 100.0 * used / hz / seconds, Double::sum);
            }
        });
        Map<String, Double> top = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /** Outbox messages published and consumer messages handled so far, summed over the services. */
    private double[] messages(List<Service> services) {
        double published = 0;
        double consumed = 0;
        for (Service service : services) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/actuator/prometheus")).timeout(HTTP_TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("messaging_published_total")) {
                        published += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    } else if (line.startsWith("messaging_consumed_total")) {
                        consumed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // a service without metrics (the gateway has no outbox)
            }
        }
        return new double[] {published, consumed};
    }

    private static String format(Map<String, Double> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(key).append(' ').append(String.format(Locale.ROOT, "%.1f", value)).append(", "));
        return out.isEmpty() ? "" : out.substring(0, out.length() - 2);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpRequest post(String path, String token, String body, String... headers) {
        HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void require(HttpResponse<String> response, int family, String what) {
        if (response.statusCode() / 100 != family) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String code(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("code").asString("") + (problem.hasNonNull("reason") ? "/" + problem.path("reason").asString() : "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------ options

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a duration like 500ms, 30s or 2m, not " + text);
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            default -> Duration.ofMinutes(value);
        };
    }
}
