package com.evplatform.contract;

import java.util.Objects;

/**
 * One kind of published message: its type string on the wire, the record its payload is read
 * into, and the payload's schema version (ADR 9: fields are only ever added; a breaking change
 * is a new version). Contract modules declare one constant per kind; producers and consumers
 * both use that constant, so a type string exists in exactly one place.
 */
public record MessageType<T>(String name, Class<T> payloadType, int schemaVersion) {

    public MessageType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        if (!name.matches("[a-z]+\\.[a-z][a-z-]*")) {
            throw new IllegalArgumentException("a message type is <service>.<kebab-case-name>: " + name);
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion starts at 1");
        }
    }

    public static <T> MessageType<T> of(String name, Class<T> payloadType) {
        return new MessageType<>(name, payloadType, 1);
    }

    @Override
    public String toString() {
        return name + " v" + schemaVersion;
    }
}
