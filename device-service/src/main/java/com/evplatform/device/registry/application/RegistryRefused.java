package com.evplatform.device.registry.application;

/** A registry request the rules refuse: a machine code from API.md, the kind of refusal and a human detail. */
public class RegistryRefused extends RuntimeException {

    /** What went wrong, without naming a protocol. */
    public enum Kind {
        NOT_FOUND, CONFLICT, FORBIDDEN
    }

    private final Kind kind;
    private final String code;

    RegistryRefused(Kind kind, String code, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
    }

    static RegistryRefused notFound(String code, String detail) {
        return new RegistryRefused(Kind.NOT_FOUND, code, detail);
    }

    static RegistryRefused conflict(String code, String detail) {
        return new RegistryRefused(Kind.CONFLICT, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
