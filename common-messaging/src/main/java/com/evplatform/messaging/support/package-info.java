/** Building blocks the outbox and the consumers share: ids, envelope codec, trace context, metrics. */
package com.evplatform.messaging.support;
