package com.evplatform.messaging;

import java.util.Objects;

import com.evplatform.contract.MessageType;

/**
 * What a producer does when the broker returns one of its messages of a type as unroutable:
 * a command to a charger no instance holds, for example. Declare it as a bean. Such a return
 * is an answer, not a fault: the relay runs the handler in its own transaction (the effect,
 * e.g. "charger offline", commits with the row marked {@code RETURNED}) and does not retry.
 * Types without a definition keep the default: a return is a failed attempt, retried.
 */
public record ReturnDefinition<T>(String type, Class<T> payloadType, MessageHandler<T> handler) {

    public ReturnDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(handler, "handler");
    }

    public static <T> ReturnDefinition<T> on(MessageType<T> kind, MessageHandler<T> handler) {
        return new ReturnDefinition<>(kind.name(), kind.payloadType(), handler);
    }

    public static <T> ReturnDefinition<T> on(String type, Class<T> payloadType, MessageHandler<T> handler) {
        return new ReturnDefinition<>(type, payloadType, handler);
    }
}
