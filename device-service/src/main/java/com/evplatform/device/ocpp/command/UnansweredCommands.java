package com.evplatform.device.ocpp.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.evplatform.device.ocpp.OcppProperties;

/**
 * An operator's command that no answer, result or return ever reached (the instance holding
 * the charger crashed with the call under way) is marked TIMED_OUT after
 * {@code admin-command-timeout}, instead of showing SENT forever. Every instance sweeps; the
 * update only touches commands still SENT, so two sweeps agree.
 */
@Component
class UnansweredCommands {

    private static final Logger log = LoggerFactory.getLogger(UnansweredCommands.class);

    private final CommandStore store;
    private final Duration timeout;
    private final Clock clock;

    UnansweredCommands(CommandStore store, OcppProperties properties, Clock clock) {
        this.store = store;
        this.timeout = properties.adminCommandTimeout();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${platform.device.ocpp.admin-command-sweep:60s}",
            fixedDelayString = "${platform.device.ocpp.admin-command-sweep:60s}")
    void sweep() {
        try {
            timeOutStale();
        } catch (RuntimeException e) {
            log.warn("cannot time out unanswered commands now: {}", e.toString());
        }
    }

    int timeOutStale() {
        Instant now = clock.instant();
        int timedOut = store.timeOut(now.minus(timeout), "no answer within " + timeout, now);
        if (timedOut > 0) {
            log.warn("{} operator commands got no answer within {}: marked TIMED_OUT", timedOut, timeout);
        }
        return timedOut;
    }
}
