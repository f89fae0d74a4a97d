package com.evplatform.paymentprovider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for order-service's payment webhook on a free local port, answering as the API contract says:
 * 401 {@code BAD_SIGNATURE} / {@code STALE_SIGNATURE}, 404 {@code TOP_UP_NOT_FOUND}, 409 {@code AMOUNT_MISMATCH},
 * else 200, a repeated eventId or paymentId crediting nothing. It checks signatures with its own code (strict
 * {@code t=<digits>,v1=<64 lower-case hex>}), not the simulator's, and records every request.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/api/payments/webhook";

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d{1,18}),v1=([0-9a-f]{64})");
    private static final long TOLERANCE_SECONDS = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived and how it was answered. */
    record Arrival(String body, String signatureHeader, String contentType, int status, String code) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String field(String name) {
            return json().get(name).asString();
        }
    }

    private record TopUp(BigDecimal amount, String currency) {
    }

    private final String secret;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, TopUp> topUps = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> credited = new CopyOnWriteArrayList<>();
    private final Set<String> seenEventIds = new HashSet<>();
    private final Set<String> seenPaymentIds = new HashSet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch hold;
    private volatile boolean acceptAnything;

    private WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static WebhookReceiver start(String secret) throws IOException {
        return new WebhookReceiver(secret);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** A pending top-up the receiver knows. */
    WebhookReceiver topUp(String topUpId, String amount, String currency) {
        topUps.put(topUpId, new TopUp(new BigDecimal(amount), currency));
        return this;
    }

    /** Holds each request until {@code n} are being handled at once (at most 5 s), to see that they overlap. */
    void holdUntilInFlight(int n) {
        hold = new CountDownLatch(n);
    }

    /** From now on answers every request 200 without looking at it, as a careless receiver would. */
    void acceptAnything() {
        acceptAnything = true;
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    Arrival onlyArrival() {
        if (arrivals.size() != 1) {
            throw new AssertionError("expected one request, got " + arrivals.size());
        }
        return arrivals.getFirst();
    }

    /** The paymentIds credited, once each, in order. */
    List<String> credited() {
        return List.copyOf(credited);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            waitForOthers();
            String header = exchange.getRequestHeaders().getFirst("Payment-Signature");
            Answer answer = answer(header, body);
            arrivals.add(new Arrival(new String(body, StandardCharsets.UTF_8), header,
                    exchange.getRequestHeaders().getFirst("Content-Type"), answer.status(), answer.code()));
            byte[] response = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void waitForOthers() {
        CountDownLatch latch = hold;
        if (latch == null) {
            return;
        }
        latch.countDown();
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String code, String contentType, String body) {

        static Answer ok(String outcome) {
            return new Answer(200, null, "application/json", "{\"outcome\":\"" + outcome + "\"}");
        }

        static Answer problem(int status, String code) {
            return new Answer(status, code, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"" + code
                    + "\",\"status\":" + status + ",\"detail\":\"refused\",\"code\":\"" + code + "\"}");
        }
    }

    private Answer answer(String header, byte[] body) {
        if (acceptAnything) {
            return Answer.ok("unchecked");
        }
        Matcher signature = header == null ? null : SIGNATURE.matcher(header);
        if (signature == null || !signature.matches()) {
            return Answer.problem(401, "BAD_SIGNATURE");
        }
        long t = Long.parseLong(signature.group(1));
        if (!MessageDigest.isEqual(hmac(t, body), HexFormat.of().parseHex(signature.group(2)))) {
            return Answer.problem(401, "BAD_SIGNATURE");
        }
        if (Math.abs(Instant.now().getEpochSecond() - t) > TOLERANCE_SECONDS) {
            return Answer.problem(401, "STALE_SIGNATURE");
        }
        JsonNode event = JSON.readTree(body);
        TopUp topUp = topUps.get(event.get("topUpId").asString());
        if (topUp == null) {
            return Answer.problem(404, "TOP_UP_NOT_FOUND");
        }
        if (new BigDecimal(event.get("amount").asString()).compareTo(topUp.amount()) != 0
                || !event.get("currency").asString().equals(topUp.currency())) {
            return Answer.problem(409, "AMOUNT_MISMATCH");
        }
        String paymentId = event.get("paymentId").asString();
        synchronized (this) {
            boolean newEvent = seenEventIds.add(event.get("eventId").asString());
            boolean newPayment = seenPaymentIds.add(paymentId);
            if (!newEvent || !newPayment) {
                return Answer.ok("duplicate");
            }
            if ("payment.succeeded".equals(event.get("type").asString())) {
                credited.add(paymentId);
                return Answer.ok("credited");
            }
            return Answer.ok("failed");
        }
    }

    private byte[] hmac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
