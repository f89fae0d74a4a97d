package com.evplatform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of the Grafana dashboard's panels and of the Prometheus alert rules under
 * {@code infra/observability}, and the metric names each query reads.
 */
final class MonitoringQueries {

    static final String DASHBOARD = "infra/observability/grafana/dashboards/ev-platform.json";
    static final String ALERTS = "infra/observability/prometheus/alerts.yml";
    /** Series Prometheus makes itself for each scrape target, not exported by a service. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABELS_AND_RANGES = Pattern.compile("\\{[^}]*}|\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern
            .compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern TOKEN = Pattern.compile("\\d[\\w.]*|[a-zA-Z_:][\\w:]*|\\S");

    private MonitoringQueries() {
    }

    /** Every query, keyed by where it is: "dashboard: panel title [refId]" or "alert: name". */
    static Map<String, String> read() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Map<String, String> queries = new LinkedHashMap<>();
        try {
            JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(root.resolve(DASHBOARD)));
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.put("dashboard: " + panel.path("title").asString() + " [" + target.path("refId")
                            .asString() + "]", target.path("expr").asString());
                }
            }
            Map<String, List<Map<String, Object>>> alerts = new Yaml().load(Files.readString(root.resolve(ALERTS)));
            for (Map<String, Object> group : alerts.get("groups")) {
                @SuppressWarnings("unchecked")
                var rules = (List<Map<String, Object>>) group.get("rules");
                for (Map<String, Object> rule : rules) {
                    queries.put("alert: " + rule.get("alert"), String.valueOf(rule.get("expr")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /**
     * The metric names a query selects: identifiers that are neither a function (followed by
     * "("), a keyword, a label (inside {}, by (), on () ...), a string nor a duration.
     */
    static Set<String> metricNames(String promql) {
        String bare = STRING.matcher(promql).replaceAll("\"\"");
        bare = LABELS_AND_RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = VARIABLE.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher token = TOKEN.matcher(bare);
        while (token.find()) {
            String word = token.group();
            boolean identifier = Character.isLetter(word.charAt(0)) || word.charAt(0) == '_' || word.charAt(0) == ':';
            boolean call = bare.substring(token.end()).stripLeading().startsWith("(");
            if (identifier && !call && !KEYWORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** The names in a Prometheus text exposition: every sample's metric name. */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Query location -> the names it reads that are neither in {@code exported} nor Prometheus's own. */
    static Map<String, Set<String>> unknownNames(Map<String, String> queries, Set<String> exported) {
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        queries.forEach((where, promql) -> {
            Set<String> names = metricNames(promql);
            names.removeAll(exported);
            names.removeAll(PROMETHEUS_OWN);
            if (!names.isEmpty()) {
                unknown.put(where, names);
            }
        });
        return unknown;
    }
}
