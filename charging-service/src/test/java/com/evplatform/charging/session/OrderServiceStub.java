package com.evplatform.charging.session;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.json.JsonMapper;

/**
 * order-service's start check over real HTTP, answering per driver (the token's subject) what
 * the test sets up: a balance to start with (a generous one unless told), a 402 refusal with a
 * code and properties, a delay (a slow service) or a failure.
 */
final class OrderServiceStub extends HttpStub {

    static final String GENEROUS = "1000.00";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> balances = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();

    OrderServiceStub() {
        super("/api/wallet/start-check");
    }

    void allow(String userId, String balance) {
        refusals.remove(userId);
        balances.put(userId, balance);
    }

    /** 402 with this code and these extra properties (e.g. {@code balance}, {@code minimum}). */
    void refuse(String userId, String code, Map<String, Object> properties) {
        var problem = new LinkedHashMap<String, Object>(Map.of("type", "about:blank", "title", "Payment Required",
                "status", 402, "detail", "refused by the stub: " + code, "code", code, "traceId", "stub"));
        problem.putAll(properties);
        refusals.put(userId, problem);
    }

    /** How many start checks came with this driver's token, answered or not. */
    int checks(String userId) {
        AtomicInteger count = checks.get(userId);
        return count == null ? 0 : count.get();
    }

    @Override
    void received(HttpExchange exchange) {
        String userId = subjectOf(exchange);
        if (userId != null) {
            checks.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    void answer(HttpExchange exchange) throws IOException {
        String userId = subjectOf(exchange);
        if (userId == null) {
            respond(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
            return;
        }
        Map<String, Object> refusal = refusals.get(userId);
        if (refusal != null) {
            respond(exchange, 402, JSON.writeValueAsString(refusal));
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("balance", balances.getOrDefault(userId, GENEROUS),
                "currency", "CNY")));
    }

    /** The bearer token's subject, read (not verified: charging-service is the one under test). */
    private static String subjectOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        var sub = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub");
        return sub.isString() ? sub.asString() : null;
    }
}
