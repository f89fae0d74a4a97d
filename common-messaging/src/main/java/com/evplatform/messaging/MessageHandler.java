package com.evplatform.messaging;

/**
 * Applies one message's effect. Runs inside the consumer's DB transaction, which also
 * records the message in the inbox: the effect happens once, whatever the broker redelivers.
 *
 * <p>Throw {@link PermanentMessageException} for a message that can never succeed (it is
 * dead-lettered at once); any other exception is treated as transient and retried later.
 */
@FunctionalInterface
public interface MessageHandler<T> {

    void handle(InboundMessage<T> message);
}
