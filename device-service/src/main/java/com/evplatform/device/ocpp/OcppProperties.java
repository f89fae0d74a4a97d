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
 * @param commandQueueWait how long a command may wait in this instance's queue; then it moves to the shared
 *        undelivered queue, where any instance answers it (at most a minute: the instance queue's expiry is two)
 * @param shutdownDrain at shutdown, how long this instance keeps its chargers' sockets open, after letting go
 *        of their command routes, for the commands already routed here and the calls awaiting an answer
 * @param adminCommandTimeout an operator's command still without an answer after this is marked TIMED_OUT
 */
@ConfigurationProperties("platform.device.ocpp")
public record OcppProperties(
        @DefaultValue("60s") Duration heartbeatInterval,
        @DefaultValue("Accepted") RegistrationStatus bootStatus,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("3") int offlineAfter,
        @DefaultValue("10s") Duration commandQueueWait,
        @DefaultValue("10s") Duration shutdownDrain,
        @DefaultValue("5m") Duration adminCommandTimeout) {

    public Duration onlineTtl() {
        return heartbeatInterval.multipliedBy(offlineAfter);
    }
}
