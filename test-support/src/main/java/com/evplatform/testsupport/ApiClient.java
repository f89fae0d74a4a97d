package com.evplatform.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running service's REST API over real HTTP, as the app or an operator's tool would. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonNode json() {
            try {
                return text == null || text.isBlank() ? null : JSON.readTree(text);
            } catch (RuntimeException e) {
                return null;
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public String field(String name) {
            JsonNode json = json();
            return json == null ? null : json.path(name).asString(null);
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String token, Object body) {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST of a text body of another type than JSON (a CSV upload). */
    public Response postText(String path, String token, String contentType, String body) {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A GET whose answer is not text (an image): status, content type and the raw bytes. */
    public BinaryResponse getBytes(String path, String token) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request(path, token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new BinaryResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record BinaryResponse(int status, String contentType, byte[] body) {
    }

    public Response post(String path, Object body) {
        return post(path, null, body);
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
