package com.evplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/** The charging benchmark's figures: a line per level on the console, and its section of the report. */
final class LatencyReport {

    private static final String BEGIN = "<!-- charging-benchmark:begin -->";
    private static final String END = "<!-- charging-benchmark:end -->";
    private static final double TARGET_RATE = 200;
    private static final double TARGET_P99_MS = 250;

    private LatencyReport() {
    }

    /** One line for the console. */
    static String summary(Level level) {
        Histogram h = level.charged;
        return String.format(Locale.ROOT,
                "issued %d (%.1f/s), 202 %d, CHARGING %d, completed %d, late %d, p50 %.1f p90 %.1f p99 %.1f max %.1f ms,"
                        + " 202 p50 %.1f p99 %.1f ms, errors %s, stop errors %s, published %.0f msg/s",
                level.issued.get(), level.startedPerSecond(), level.accepted.get(),
                level.charging.get(), level.completed.get(), level.late.get(), ms(h, 50), ms(h, 90), ms(h, 99),
                h.getMaxValue() / 1000.0, ms(level.accept, 50), ms(level.accept, 99), level.errors, level.stopErrors, level.published);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The report section: the table of levels, the target and what was sustained, the busiest threads. */
    static String table(List<Level> levels, String context, String ceiling, int units) {
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
            double startedPerSecond = level.startedPerSecond();
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
            if (level.keptUp()) {
                sustained = level;
            }
        }
        Level atTarget = levels.stream().filter(level -> level.rate == TARGET_RATE).findFirst().orElse(null);
        if (atTarget != null) {
            double p99 = ms(atTarget.charged, 99);
            boolean met = p99 < TARGET_P99_MS && atTarget.keptUp();
            out.append(String.format(Locale.ROOT, "Target (p99 below %.0f ms at %.0f starts/s): **%s**: p99 %.0f ms, "
                    + "%.1f starts/s reached, %d errors.%n", TARGET_P99_MS, TARGET_RATE, met ? "met" : "not met", p99,
                    atTarget.startedPerSecond(), atTarget.errorCount()));
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
                units, LoadGenerator.COOL_DOWN.toMillis()));
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
    static String messagingCeiling(Path report) throws IOException {
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

    /** Replaces the report's section of this benchmark, or appends one under its own heading. */
    static void writeReport(Path report, String table) throws IOException {
        String existing = Files.exists(report) ? Files.readString(report) : "";
        String section = BEGIN + "\n" + table + END;
        int from = existing.indexOf(BEGIN);
        int to = existing.indexOf(END);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + section + existing.substring(to + END.length())
                : existing.stripTrailing() + "\n\n## Start-to-charging latency\n\n" + section + "\n";
        Files.writeString(report, updated);
    }

    /** {@code name value, name value} with one decimal, for the console. */
    static String format(Map<String, Double> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(key).append(' ').append(String.format(Locale.ROOT, "%.1f", value)).append(", "));
        return out.isEmpty() ? "" : out.substring(0, out.length() - 2);
    }
}
