package com.evplatform.messaging.outbox;

import java.time.Instant;

/** One outbox row as the relay and the admin API see it. */
public record OutboxRow(
        long id,
        String messageId,
        String exchange,
        String routingKey,
        String type,
        byte[] body,
        OutboxStatus status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        String lastError,
        String aggregateId) {
}
