/**
 * The messaging contract every service uses: publish through the {@link com.evplatform.messaging.Outbox},
 * consume through {@link com.evplatform.messaging.ConsumerDefinition}s; the library does confirms,
 * acks, idempotency, retries, dead letters, delays and ordering.
 */
package com.evplatform.messaging;
