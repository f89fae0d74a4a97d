package com.evplatform.charging.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Another platform service played over real HTTP on a free local port: what it answers is the
 * subclass's; it can be made slow (every answer waits) or failing (every answer is a 500).
 */
abstract class HttpStub implements AutoCloseable {

    private final HttpServer server;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean failing;

    HttpStub(String path) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext(path, this::exchange);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void slow(Duration delay) {
        this.delay = delay;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Called for every request first, before the delay and the failure. */
    void received(HttpExchange exchange) {
    }

    abstract void answer(HttpExchange exchange) throws IOException;

    private void exchange(HttpExchange exchange) throws IOException {
        received(exchange);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing) {
            respond(exchange, 500, "{\"code\":\"INTERNAL_ERROR\"}");
            return;
        }
        answer(exchange);
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
