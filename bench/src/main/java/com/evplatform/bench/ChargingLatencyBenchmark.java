package com.evplatform.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@link FleetSetup} does the set-up; a run drives the {@link LoadGenerator} level by level, measures what the
 * processes spent with {@link ResourceUsage} and writes the figures with {@link LatencyReport}.
 */
public final class ChargingLatencyBenchmark {

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final GatewayClient client;

    private ChargingLatencyBenchmark(String gateway) {
        this.client = new GatewayClient(http, gateway);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ChargingLatencyBenchmark setup|run --option=value ...");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        var benchmark = new ChargingLatencyBenchmark(options.getOrDefault("gateway", "http://127.0.0.1:18080"));
        switch (args[0]) {
            case "setup" -> new FleetSetup(benchmark.client).run(options);
            case "run" -> benchmark.run(options);
            default -> throw new IllegalArgumentException("setup or run, not " + args[0]);
        }
        System.exit(0);
    }

    /** A warm-up, not reported, then each rate for the duration; the table goes to the console and the report. */
    private void run(Map<String, String> options) throws Exception {
        List<Unit> units = Unit.read(Path.of(options.get("state")));
        List<Double> rates = new ArrayList<>();
        for (String rate : options.getOrDefault("rates", "25,50,100,200").split(",")) {
            rates.add(Double.parseDouble(rate));
        }
        Duration duration = duration(options.getOrDefault("duration", "30s"));
        List<ResourceUsage.Service> services = new ArrayList<>();
        for (String entry : options.getOrDefault("services", "").split(",")) {
            if (!entry.isBlank()) {
                String[] parts = entry.split(":");
                services.add(new ResourceUsage.Service(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
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
        ResourceUsage usage = new ResourceUsage(http, services, Map.of("MariaDB+RabbitMQ+Redis", infraPids),
                simulatorPid, hz);

        SessionEvents events = SessionEvents.listen(options.getOrDefault("amqp", "amqp://guest:guest@127.0.0.1:5672/ev-bench"));
        var generator = new LoadGenerator(client, events, new LinkedBlockingQueue<>(units), units.size());
        String warmup = options.getOrDefault("warmup", "20:15s");
        Level warm = new Level(Double.parseDouble(warmup.split(":")[0]), duration(warmup.split(":")[1]));
        System.out.printf(Locale.ROOT, "warm-up: %.0f starts/s for %d s%n", warm.rate, warm.duration.toSeconds());
        generator.run(warm);
        System.out.println("warm-up: " + LatencyReport.summary(warm));

        List<Level> levels = new ArrayList<>();
        for (double rate : rates) {
            Level level = new Level(rate, duration);
            ResourceUsage.Snapshot before = usage.snapshot();
            long started = System.nanoTime();
            System.out.printf(Locale.ROOT, "level: %.0f starts/s for %d s%n", rate, duration.toSeconds());
            generator.run(level);
            level.windowSeconds = (System.nanoTime() - started) / 1e9;
            usage.attribute(level, before, usage.snapshot());
            levels.add(level);
            System.out.println("level " + (int) rate + ": " + LatencyReport.summary(level));
            System.out.println("  cpu: " + LatencyReport.format(level.cpu) + "; machine " + Math.round(level.machineBusy)
                    + " %");
            System.out.println("  threads of " + level.busiest + ": " + LatencyReport.format(level.threads));
        }
        String table = LatencyReport.table(levels, options.getOrDefault("context", ""),
                LatencyReport.messagingCeiling(report), units.size());
        System.out.println(table);
        LatencyReport.writeReport(report, table);
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
