package com.evplatform.messaging.outbox;

public enum OutboxStatus {
    /** Waiting for its (next) publish attempt. */
    PENDING,
    /** Confirmed by the broker and routed to at least one queue. */
    SENT,
    /** Returned unroutable and handed to the producer's {@code ReturnDefinition}: answered, not retried. */
    RETURNED,
    /** Ran out of attempts; an operator may retry it. */
    FAILED
}
