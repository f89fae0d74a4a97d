package com.evplatform.charging.session.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the session rules (or a service they depend on) refuse: a machine code from API.md,
 * the kind of refusal, a human detail and extra properties (e.g. {@code reason}).
 */
public class SessionRefused extends RuntimeException {

    /** What went wrong, without naming a protocol. */
    public enum Kind {
        NOT_FOUND, CONFLICT, PAYMENT_REQUIRED, UNAUTHENTICATED, FORBIDDEN, UPSTREAM_REFUSED, UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public SessionRefused(Kind kind, String code, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
    }

    public static SessionRefused notFound(String code, String detail) {
        return new SessionRefused(Kind.NOT_FOUND, code, detail);
    }

    public static SessionRefused conflict(String code, String detail) {
        return new SessionRefused(Kind.CONFLICT, code, detail);
    }

    public SessionRefused with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
