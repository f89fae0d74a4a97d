package com.evplatform.charging.session.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.session.model.ChargingSession;

/**
 * Every {@code watchdogInterval}, ends (stop reason WATCHDOG, see {@link EndingSessions}) the
 * sessions that would otherwise hold the driver's and the connector's slot forever: CHARGING
 * with no meter value for {@code staleAfter}, and STOPPING for longer than all its stop checks
 * should take (the stop check itself ends a session once its retries are spent; this catches a
 * session whose check was lost).
 *
 * <p>Safe with several instances: each session is claimed with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} in its own transaction and checked again under that lock, so an instance skips what
 * another is ending and never ends a session that has just ended or heard from its charger; the
 * row's version check and the audit's one row per session stand behind that.
 */
@Component
public class SessionWatchdog implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SessionWatchdog.class);
    private static final int BATCH = 100;

    private final Sessions sessions;
    private final EndingSessions endings;
    private final ChargingProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SessionWatchdog(Sessions sessions, EndingSessions endings, ChargingProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.sessions = sessions;
        this.endings = endings;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One round: @return how many sessions this instance ended */
    public int sweep() {
        Instant now = clock.instant();
        Integer unwatched = transactions.execute(status -> sessions.watchFrom(now));
        if (unwatched != null && unwatched > 0) {
            log.info("session watchdog: {} CHARGING sessions from before it are watched from now on", unwatched);
        }
        Instant silentSince = now.minus(properties.staleAfter());
        // The first stop, its retries and one more stop timeout of grace.
        Duration allStops = properties.stopTimeout().multipliedBy(properties.stopRetries() + 2L);
        Instant stoppingSince = now.minus(allStops);
        return endAll(sessions.findSilentCharging(silentSince, BATCH), s -> s.silentSince(silentSince),
                EndingSessions.Finding.STALE_READINGS, "no meter value for more than " + properties.staleAfter())
                + endAll(sessions.findStoppingSince(stoppingSince, BATCH), s -> s.stoppingSince(stoppingSince),
                        EndingSessions.Finding.STOP_UNANSWERED, "STOPPING for more than " + allStops
                                + " without the charger ending the transaction");
    }

    private int endAll(List<String> ids, Predicate<ChargingSession> stillDue, EndingSessions.Finding finding,
            String cause) {
        int ended = 0;
        for (String id : ids) {
            try {
                Boolean done = transactions.execute(status -> sessions.claimById(id).filter(stillDue)
                        .map(session -> {
                            endings.endByWatchdog(session, finding, cause);
                            return true;
                        }).orElse(false));
                ended += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException e) {
                // Changed under us (a charger's event won the race) or the database is away: next round.
                log.info("watchdog could not end session {} now: {}", id, e.toString());
            }
        }
        return ended;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("session watchdog round failed: {}", e.toString());
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration interval = properties.watchdogInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweepQuietly, interval, interval));
    }
}
