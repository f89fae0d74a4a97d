package com.evplatform.charging.session.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.Transition;
import com.evplatform.service.support.refusal.Refusal;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Ends a session whose charger never reported its stop: an admin or the station's operator by
 * hand (FORCED), or the watchdog (WATCHDOG). The session COMPLETES on the last known meter
 * reading (or the one the admin gives), publishes the same session-completed event as a
 * charger's stop, so order-service bills it once, and is audited. The charger is sent one last
 * remote stop (no stop check follows it): a transaction it still runs ends, and its real stop,
 * if it ever comes, finds the session COMPLETED and changes nothing.
 */
@Service
public class EndingSessions {

    private static final Logger log = LoggerFactory.getLogger(EndingSessions.class);

    /** What the watchdog found wrong with a session. */
    public enum Finding {
        /** CHARGING without a meter value for longer than the stale-after setting. */
        STALE_READINGS,
        /** STOPPING, and the charger never ended the transaction however often it was asked. */
        STOP_UNANSWERED
    }

    private final SessionJournal journal;
    private final MeterReadings samples;
    private final SessionBilling billing;
    private final ChargerCommands commands;
    private final SessionEndings audit;
    private final Sessions sessions;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    EndingSessions(SessionJournal journal, MeterReadings samples, SessionBilling billing, ChargerCommands commands,
            SessionEndings audit, Sessions sessions, TransactionTemplate transactions, MeterRegistry meters,
            Clock clock) {
        this.journal = journal;
        this.samples = samples;
        this.billing = billing;
        this.commands = commands;
        this.audit = audit;
        this.sessions = sessions;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        // At 0 from the start, so an alert on their increase fires on the first ending.
        meters.counter("charging.sessions.force-completed");
        for (Finding finding : Finding.values()) {
            meters.counter("charging.sessions.watchdog-ended", "finding", finding.name());
        }
    }

    /** Who ends a session by hand: the user id from the token and the role it acted with. */
    public record Actor(String userId, String role) {
    }

    /**
     * An admin or the station's operator ends the session (API.md force-complete).
     *
     * @param visible whether the caller may see the session: another operator's is "not found"
     * @param meterStopWh the reading to bill on; null for the last known one
     */
    public ChargingSession forceComplete(String sessionId, Predicate<ChargingSession> visible, Actor actor,
            String reason, Long meterStopWh) {
        return transactions.execute(status -> {
            // Locked: a charger's event for it waits, then finds it COMPLETED.
            ChargingSession session = sessions.lockById(sessionId).filter(visible)
                    .orElseThrow(() -> Refusal.notFound("SESSION_NOT_FOUND", "No session " + sessionId));
            if (!session.active()) {
                throw Refusal.conflict("SESSION_NOT_ACTIVE", "Only a CHARGING or STOPPING session can be "
                        + "force-completed; this one is " + session.status()).with("status", session.status().name());
            }
            long lastKnown = session.lastKnownReadingWh();
            if (meterStopWh != null && meterStopWh < lastKnown) {
                throw Refusal.invalid("meterStopWh", "must not be below the last known reading, " + lastKnown
                        + " Wh (meter start " + session.meterStartWh() + " Wh)");
            }
            end(session, StopReason.FORCED, actor, reason, meterStopWh != null ? meterStopWh : lastKnown,
                    meterStopWh != null);
            meters.counter("charging.sessions.force-completed").increment();
            return session;
        });
    }

    /** The watchdog ends the session, in the caller's transaction, on the last known reading. */
    void endByWatchdog(ChargingSession session, Finding finding, String cause) {
        end(session, StopReason.WATCHDOG, new Actor("watchdog", "WATCHDOG"), cause, session.lastKnownReadingWh(),
                false);
        meters.counter("charging.sessions.watchdog-ended", "finding", finding.name()).increment();
    }

    private void end(ChargingSession session, StopReason by, Actor actor, String cause, long meterStopWh,
            boolean readingGiven) {
        String statusBefore = session.status().name();
        long lastKnown = session.lastKnownReadingWh();
        Instant stoppedAt = stopTime(session);
        samples.add(session.id(), stoppedAt, meterStopWh, 0L, null);
        Pricing.Bill bill = billing.bill(session, new Pricing.Reading(stoppedAt, meterStopWh));
        Transition transition = session.endWithoutCharger(by, meterStopWh, stoppedAt, bill.lines(), bill.total());
        if (!transition.applied()) {
            throw new IllegalStateException("session " + session.id() + " cannot end: " + transition.rejection());
        }
        journal.record(session, transition);
        audit.record(new SessionEndings.Ending(session.id(), by, actor.userId(), actor.role(), stoppedAt,
                cause, statusBefore, lastKnown, meterStopWh, readingGiven));
        if (session.transactionId() != null) {
            commands.remoteStop(session.chargePointId(), session.id(), session.transactionId());
        }
        log.warn("session {} at {} ended {} by {} {} on {} Wh (last known {} Wh), {} Wh billed {}: {}", session.id(),
                session.chargePointId(), by, actor.role(), actor.userId(), meterStopWh, lastKnown,
                session.energyWh(), bill.total(), cause);
    }

    /**
     * Now, or the latest reading if the charger's clock runs ahead of ours: the stop never comes
     * before a reading it bills, nor before the start.
     */
    private Instant stopTime(ChargingSession session) {
        Instant stop = clock.instant();
        List<Pricing.Reading> readings = samples.readings(session.id());
        Instant latest = readings.isEmpty() ? session.startedAt() : readings.getLast().at();
        for (Instant candidate : List.of(latest, session.startedAt())) {
            if (candidate.isAfter(stop)) {
                stop = candidate;
            }
        }
        return stop;
    }
}
