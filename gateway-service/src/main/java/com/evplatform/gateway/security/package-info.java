/** Token checks at the gateway and the circuit breakers in front of each service. */
package com.evplatform.gateway.security;
