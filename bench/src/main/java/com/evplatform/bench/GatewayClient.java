package com.evplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's HTTP API through the gateway, as the charging benchmark's admin and drivers call it. */
final class GatewayClient {

    /** The timeout of every request the charging benchmark sends. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String gateway;

    GatewayClient(HttpClient http, String gateway) {
        this.http = http;
        this.gateway = gateway;
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpRequest post(String path, String token, String body, String... headers) {
        HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through auth-service and returns the access token. */
    String login(String username, String password) throws Exception {
        HttpResponse<String> response = send(post("/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        require(response, 2, "login " + username);
        return json(response).path("accessToken").asString();
    }

    /**
     * Credits a wallet ({@code POST /api/admin/wallets/{userId}/credits}, ADMIN), idempotent by the reference:
     * a rerun with the same reference does not credit twice. A 5xx is retried (order-service answers 500 to a
     * database deadlock between concurrent credits of new wallets).
     *
     * @return how many attempts were retried
     */
    int credit(String adminToken, String userId, String amount, String reference) throws Exception {
        String body = "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}";
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(post("/api/admin/wallets/" + userId + "/credits", adminToken, body));
            if (response.statusCode() / 100 != 5 || attempt == 4) {
                require(response, 2, "credit " + userId);
                return attempt;
            }
            Thread.sleep(50L << attempt);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void require(HttpResponse<String> response, int family, String what) {
        if (response.statusCode() / 100 != family) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The problem's code and reason, as {@code code/reason}, or empty if the body is no problem document. */
    static String code(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("code").asString("") + (problem.hasNonNull("reason") ? "/" + problem.path("reason").asString() : "");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
