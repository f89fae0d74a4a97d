package com.evplatform.service.support.refusal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A use case's "no", without a protocol: a machine code from API.md, the kind of refusal, a
 * human detail and extra properties. Application code throws it; service-support's problem
 * handler renders it as the RFC 9457 problem of the kind's HTTP status, so use cases never
 * import web types.
 */
public class Refusal extends RuntimeException {

    /** What went wrong, without naming HTTP; the web edge maps each to a status. */
    public enum Kind {
        INVALID, UNAUTHENTICATED, PAYMENT_REQUIRED, FORBIDDEN, NOT_FOUND, CONFLICT,
        /** A service this one depends on refused the request itself. */
        UPSTREAM_REFUSED, UNAVAILABLE,
        /** The caller holds or asks for more than it may at once. */
        TOO_MANY
    }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public Refusal(Kind kind, String code, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static Refusal notFound(String code, String detail) {
        return new Refusal(Kind.NOT_FOUND, code, detail);
    }

    public static Refusal conflict(String code, String detail) {
        return new Refusal(Kind.CONFLICT, code, detail);
    }

    /** 400 VALIDATION_FAILED naming one field, as the request validation does. */
    public static Refusal invalid(String field, String message) {
        return new Refusal(Kind.INVALID, "VALIDATION_FAILED", "The request is not valid: " + field + " " + message)
                .with("errors", java.util.List.of(Map.of("field", field, "message", message)));
    }

    public Refusal with(String property, Object value) {
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
