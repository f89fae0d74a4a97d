/** Operator access to dead letters and the outbox (the "Messaging operations" of API.md). */
package com.evplatform.messaging.admin;
