package com.evplatform.e2e.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.evplatform.e2e.LoopbackClients;
import com.evplatform.testsupport.ApiClient.Response;

/**
 * Sends any method, body and content type to the gateway, from an address of this machine of
 * its own (a random one of 127.0.0.0/8), so the failed logins it provokes are counted against
 * it and nobody else; a body can go without a {@code Content-Length} (chunked), as a client
 * that streams would send it.
 */
public final class Probe {

    private final String baseUrl;
    private final HttpClient http;

    public Probe(int gatewayPort) {
        this.baseUrl = "http://127.0.0.1:" + gatewayPort;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(LoopbackClients.random())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** How the body travels. */
    public enum Framing {
        CONTENT_LENGTH, CHUNKED
    }

    public Response send(String method, String pathAndQuery, String token, String contentType, byte[] body,
            Framing framing) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : framing == Framing.CHUNKED
                        ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        var request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery.substring(0,
                    Math.min(200, pathAndQuery.length())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
