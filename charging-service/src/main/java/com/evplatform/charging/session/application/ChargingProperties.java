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
 * @param tariffZone the time zone tariffs' time-of-use segments are written in
 */
@ConfigurationProperties("platform.charging")
public record ChargingProperties(
        @DefaultValue("60s") Duration startTimeout,
        @DefaultValue("60s") Duration stopTimeout,
        @DefaultValue("Asia/Shanghai") ZoneId tariffZone) {
}
