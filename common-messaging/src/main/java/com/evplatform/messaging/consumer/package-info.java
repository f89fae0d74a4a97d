/** Consumers: manual acks, Redis + inbox idempotency, retry tiers, dead letters, version checks, batches. */
package com.evplatform.messaging.consumer;
