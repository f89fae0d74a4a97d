package com.evplatform.charging.session.application;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * charging-service's settings ({@code platform.charging.*}).
 *
 * @param startTimeout how long a session may stay STARTING before it fails with START_TIMEOUT
 * @param stopTimeout how long STOPPING may last before the session is flagged and the charger asked again
 * @param stopRetries how often the remote stop is sent again before the watchdog ends the session
 * @param staleAfter how long a CHARGING session may go without a meter value before the watchdog ends it
 * @param watchdogInterval how often the watchdog looks for sessions to end
 * @param tariffZone the time zone tariffs' time-of-use segments are written in
 * @param orderServiceUrl where a start asks order-service whether the driver's wallet allows it
 * @param orderTimeout how long that check may take before the start is refused as unavailable
 * @param streamResync how often an open session stream re-reads the database besides the pushed updates
 * @param streamsPerUser how many session streams one user may hold open at once
 * @param streamsPerInstance how many session streams one instance serves at once
 */
@ConfigurationProperties("platform.charging")
public record ChargingProperties(
        @DefaultValue("60s") Duration startTimeout,
        @DefaultValue("60s") Duration stopTimeout,
        @DefaultValue("5") int stopRetries,
        @DefaultValue("30m") Duration staleAfter,
        @DefaultValue("1m") Duration watchdogInterval,
        @DefaultValue("Asia/Shanghai") ZoneId tariffZone,
        @DefaultValue("http://127.0.0.1:8084") String orderServiceUrl,
        @DefaultValue("2s") Duration orderTimeout,
        @DefaultValue("5s") Duration streamResync,
        @DefaultValue("5") int streamsPerUser,
        @DefaultValue("2000") int streamsPerInstance) {
}
