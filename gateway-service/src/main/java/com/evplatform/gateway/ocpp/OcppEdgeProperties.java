package com.evplatform.gateway.ocpp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway passes chargers' handshakes on ({@code platform.gateway.ocpp.*}).
 *
 * @param handshakeTimeout how long device-service may take to connect and answer a handshake before
 *        the charger is told 503; well inside a charger's own connect timeout
 * @param retryAfter the least a charger is told to wait when no device-service answered
 * @param retryJitter a random extra wait on top of {@code retryAfter}, so a fleet refused together
 *        does not come back together
 */
@ConfigurationProperties("platform.gateway.ocpp")
public record OcppEdgeProperties(
        @DefaultValue("2s") Duration handshakeTimeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("10s") Duration retryJitter) {
}
