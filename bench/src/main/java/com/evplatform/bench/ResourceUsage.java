package com.evplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the processes on this machine spent during a level: CPU per service, infrastructure, simulator and load
 * generator (from {@code /proc}), the machine's busy share, the busiest service's threads, and the outbox
 * messages the services published and consumed (from their Prometheus endpoints).
 */
final class ResourceUsage {

    /** A service of the platform: its process and its HTTP port. */
    record Service(String name, long pid, int port) {
    }

    /** The counters at one moment; two of them give a level's usage. */
    record Snapshot(Map<String, Long> cpu, long[] machine, Map<String, Map<Long, long[]>> threads, double[] messages) {
    }

    private final HttpClient http;
    private final List<Service> services;
    /** Label -> processes, e.g. "MariaDB+RabbitMQ+Redis" -> their pids; each label is one CPU figure. */
    private final Map<String, List<Long>> infra;
    private final long simulatorPid;
    /** Clock ticks per second of {@code /proc}'s CPU times. */
    private final int hz;
    private final Map<Long, String> threadNames = new ConcurrentHashMap<>();

    ResourceUsage(HttpClient http, List<Service> services, Map<String, List<Long>> infra, long simulatorPid, int hz) {
        this.http = http;
        this.services = services;
        this.infra = infra;
        this.simulatorPid = simulatorPid;
        this.hz = hz;
    }

    /**
     * One service started alone by a benchmark script, with MariaDB, RabbitMQ and Redis from the options the
     * scripts pass ({@code --db-pids}, {@code --broker-pids}, {@code --redis-pids}, {@code --clk-tck}).
     */
    static ResourceUsage ofOneService(HttpClient http, Service service, Options options) {
        Map<String, List<Long>> infra = new LinkedHashMap<>();
        infra.put("MariaDB", options.pids("db-pids"));
        infra.put("RabbitMQ", options.pids("broker-pids"));
        infra.put("Redis", options.pids("redis-pids"));
        return new ResourceUsage(http, List.of(service), infra, 0, options.getInt("clk-tck", 100));
    }

    Snapshot snapshot() throws IOException {
        Map<String, Long> cpu = cpuTicks();
        long[] machine = machineTicks();
        Map<String, Map<Long, long[]>> threads = threadTicks();
        double[] messages = messages();
        return new Snapshot(cpu, machine, threads, messages);
    }

    /** Fills in the level's usage between the two snapshots, over its {@link Level#windowSeconds}. */
    void attribute(Level level, Snapshot before, Snapshot after) {
        int cores = Runtime.getRuntime().availableProcessors();
        for (String name : before.cpu().keySet()) {
            level.cpu.put(name, 100.0 * (after.cpu().get(name) - before.cpu().get(name)) / hz / level.windowSeconds
                    / cores);
        }
        level.machineBusy = 100.0 * (after.machine()[0] - before.machine()[0])
                / Math.max(1, after.machine()[1] - before.machine()[1]);
        level.published = (after.messages()[0] - before.messages()[0]) / level.windowSeconds;
        level.consumed = (after.messages()[1] - before.messages()[1]) / level.windowSeconds;
        level.busiest = services.stream().map(Service::name)
                .max(Comparator.comparingDouble(name -> level.cpu.getOrDefault(name, 0.0))).orElse(null);
        if (level.busiest != null) {
            level.threads = threadShares(before.threads().get(level.busiest), after.threads().get(level.busiest),
                    level.windowSeconds);
        }
    }

    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Service service : services) {
            ticks.put(service.name(), processTicks(service.pid()));
        }
        infra.forEach((label, pids) -> ticks.put(label, pids.stream().mapToLong(ResourceUsage::processTicks).sum()));
        if (simulatorPid > 0) {
            ticks.put("simulator", processTicks(simulatorPid));
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

    /** Per service: thread id -> ticks; the threads' names go to {@link #threadNames}. */
    private Map<String, Map<Long, long[]>> threadTicks() {
        Map<String, Map<Long, long[]>> all = new HashMap<>();
        for (Service service : services) {
            Map<Long, long[]> threads = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + service.pid() + "/task"))) {
                tasks.forEach(task -> {
                    long tid = Long.parseLong(task.getFileName().toString());
                    threads.put(tid, new long[] {ticksOf(task.resolve("stat"))});
                    try {
                        threadNames.put(tid, Files.readString(task.resolve("comm")).trim());
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

    /** The eight thread groups (names without their number) that used the most CPU, in % of one core. */
    private Map<String, Double> threadShares(Map<Long, long[]> before, Map<Long, long[]> after, double seconds) {
        Map<String, Double> groups = new HashMap<>();
        if (before == null || after == null) {
            return groups;
        }
        after.forEach((tid, ticks) -> {
            long[] earlier = before.get(tid);
            long used = ticks[0] - (earlier == null ? 0 : earlier[0]);
            if (used > 0) {
                String name = threadNames.getOrDefault(tid, "?").replaceAll("[#-]?\\d+$", "").replaceAll("-$", "");
                groups.merge(name, 100.0 * used / hz / seconds, Double::sum);
            }
        });
        Map<String, Double> top = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /** Outbox messages published and consumer messages handled so far, summed over the services. */
    private double[] messages() {
        double published = 0;
        double consumed = 0;
        for (Service service : services) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/actuator/prometheus"))
                        .timeout(GatewayClient.HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
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
}
