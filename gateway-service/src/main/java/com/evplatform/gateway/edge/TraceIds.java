package com.evplatform.gateway.edge;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

/** The W3C trace context of a request: the caller's {@code traceparent}, or one the gateway starts. */
public final class TraceIds {

    static final String ATTRIBUTE = TraceIds.class.getName() + ".traceparent";

    private TraceIds() {
    }

    /** The trace id (32 hex digits) of the exchange's traceparent. */
    public static String of(ServerWebExchange exchange) {
        return traceparent(exchange).substring(3, 35);
    }

    static String traceparent(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String incoming = exchange.getRequest().getHeaders().getFirst("traceparent");
        String traceparent = incoming != null && incoming.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
                ? incoming : "00-" + hex(16) + "-" + hex(8) + "-01";
        exchange.getAttributes().put(ATTRIBUTE, traceparent);
        return traceparent;
    }

    private static String hex(int bytes) {
        byte[] buffer = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
