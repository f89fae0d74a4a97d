/** Exchanges and queues declared from the service's definitions at start-up. */
package com.evplatform.messaging.topology;
