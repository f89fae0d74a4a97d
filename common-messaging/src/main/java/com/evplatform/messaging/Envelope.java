package com.evplatform.messaging;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What travels on the wire for every domain message: identity and ordering metadata
 * around a JSON payload. The whole envelope is the AMQP body, so a message kept in a
 * dead-letter table or replayed later is complete on its own.
 *
 * @param messageId time-ordered UUID (version 7), the idempotency key of every consumer
 * @param type what happened, e.g. {@code charging.session-started}
 * @param schemaVersion version of the payload's shape for this type
 * @param producer the service that published it
 * @param aggregateId the entity it is about, e.g. {@code session:0190...}
 * @param aggregateVersion 1, 2, 3... per aggregate, assigned in the producing transaction
 * @param traceparent W3C trace context of the work that produced it
 */
public record Envelope(
        UUID messageId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        String aggregateId,
        long aggregateVersion,
        String traceparent,
        JsonNode payload) {
}
