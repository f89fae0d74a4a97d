package com.evplatform.device.ocpp.admission;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission of chargers' handshakes ({@code platform.device.ocpp.admission.*}), ADR 16.
 *
 * @param maxConcurrentHandshakes handshakes one instance checks at the same time; 0 for no bound
 * @param queueWait how long a handshake may wait for one of those places before it is told 503
 * @param retryAfter the least a charger told 503 is asked to wait
 * @param retryJitter a random extra wait on top of {@code retryAfter}, spreading a refused fleet's return
 * @param attemptsPerCharger handshakes one charger id may attempt in a window; 0 for no limit
 * @param attemptsPerAddress failed (or still running) handshakes one client address may have in a window;
 *        0 for no limit
 * @param attemptWindow the window of both attempt limits, from an id's or address's first attempt
 * @param trustedProxies addresses or CIDR ranges (the gateway) whose last {@code X-Forwarded-For} entry names
 *        the client; from any other peer the peer is the client
 */
@ConfigurationProperties("platform.device.ocpp.admission")
public record AdmissionProperties(
        @DefaultValue("32") int maxConcurrentHandshakes,
        @DefaultValue("200ms") Duration queueWait,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("10s") Duration retryJitter,
        @DefaultValue("20") int attemptsPerCharger,
        @DefaultValue("100") int attemptsPerAddress,
        @DefaultValue("60s") Duration attemptWindow,
        @DefaultValue({"127.0.0.1", "::1"}) List<String> trustedProxies) {
}
