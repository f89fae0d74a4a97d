package com.evplatform.messaging;

import java.util.List;

/**
 * Applies a batch of decoded messages inside the one transaction the library opened for them.
 *
 * <p>The transaction also records every message of the batch in the inbox, so each effect
 * happens once whatever the broker redelivers. The list holds only messages this consumer has
 * not applied before, each once, in delivery order; it is never empty.
 *
 * <p>When the handler throws (or the transaction fails for any reason but an unreachable
 * database), the batch is rolled back and applied again one message at a time, each as a
 * list of one: so a message that fails alone is retried or dead-lettered like any message
 * ({@link PermanentMessageException} at once, anything else after the retry tiers), and the
 * rest of the batch is applied. The handler must therefore give the same result for a
 * message whether it comes alone or with others.
 *
 * <p>The batch runs in the trace of its first message: what the handler publishes carries
 * that trace id.
 */
@FunctionalInterface
public interface BatchMessageHandler {

    void handle(List<InboundMessage<?>> messages);
}
