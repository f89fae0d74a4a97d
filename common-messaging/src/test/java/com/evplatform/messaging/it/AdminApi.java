package com.evplatform.messaging.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the messaging admin endpoints over HTTP, as an operator's tool would. */
record AdminApi(int port, String service) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    JsonNode get(String path) {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET().build()).body());
    }

    int post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/admin/messaging/" + service + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
