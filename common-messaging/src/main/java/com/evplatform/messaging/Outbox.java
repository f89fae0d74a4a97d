package com.evplatform.messaging;

/**
 * The only way a service publishes a domain message. {@link #publish} writes the message
 * to the service's outbox table in the caller's transaction, so the change and the message
 * commit together or not at all; a relay then publishes it with publisher confirms.
 */
public interface Outbox {

    /**
     * Records the message for publishing. Must run inside a transaction.
     *
     * @return the envelope as it will be sent (message id, aggregate version assigned)
     */
    Envelope publish(OutgoingMessage message);
}
