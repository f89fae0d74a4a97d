/** Consumers: manual acks, Redis + inbox idempotency, retry tiers, dead letters, version checks. */
package com.evplatform.messaging.consumer;
