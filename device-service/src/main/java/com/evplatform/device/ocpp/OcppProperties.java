package com.evplatform.device.ocpp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.evplatform.device.ocpp.protocol.messages.RegistrationStatus;

/**
 * The OCPP 1.6J central system's settings ({@code platform.device.ocpp.*}).
 *
 * @param heartbeatInterval told to chargers in the BootNotification answer
 * @param bootStatus what BootNotification answers: Accepted, or Pending / Rejected to hold chargers back
 *        (anything else fails at start-up, not on the first boot)
 * @param callTimeout how long a call to a charger waits for its answer
 * @param offlineAfter heartbeats missed before a silent charger counts as offline (multiplies the interval)
 */
@ConfigurationProperties("platform.device.ocpp")
public record OcppProperties(
        @DefaultValue("60s") Duration heartbeatInterval,
        @DefaultValue("Accepted") RegistrationStatus bootStatus,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("3") int offlineAfter) {

    public Duration onlineTtl() {
        return heartbeatInterval.multipliedBy(offlineAfter);
    }
}
