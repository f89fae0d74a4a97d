package com.evplatform.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a running service's actuator health groups the way an orchestrator's probe would. */
public final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DEPENDENCY_UP = Pattern.compile(
            "^platform_dependency_up\\{.*dependency=\"([^\"]+)\".*} (\\S+)$", Pattern.MULTILINE);

    private HealthProbe() {
    }

    /** The answer of one health group: HTTP status, overall status, and each component's status. */
    public record Health(int httpStatus, String status, Map<String, String> components) {
    }

    public static Health readiness(int port) {
        return group(port, "readiness");
    }

    public static Health liveness(int port) {
        return group(port, "liveness");
    }

    /** The whole health endpoint: every contributor, readiness or not (health details for operators). */
    public static Health overall(int port) {
        return read(port, "/actuator/health");
    }

    public static Health group(int port, String group) {
        return read(port, "/actuator/health/" + group);
    }

    /**
     * The service's {@code platform_dependency_up} gauges from {@code /actuator/prometheus}:
     * dependency name to 1 (UP) or 0.
     */
    public static Map<String, Double> dependenciesUp(int port) {
        Map<String, Double> up = new LinkedHashMap<>();
        Matcher line = DEPENDENCY_UP.matcher(get(port, "/actuator/prometheus").body());
        while (line.find()) {
            up.put(line.group(1), Double.valueOf(line.group(2)));
        }
        return up;
    }

    private static Health read(int port, String path) {
        HttpResponse<String> response = get(port, path);
        JsonNode body = JSON.readTree(response.body());
        Map<String, String> components = new LinkedHashMap<>();
        body.path("components").properties()
                .forEach(entry -> components.put(entry.getKey(), entry.getValue().path("status").asString()));
        return new Health(response.statusCode(), body.path("status").asString(), components);
    }

    private static HttpResponse<String> get(int port, String path) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(path + " on port " + port + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
