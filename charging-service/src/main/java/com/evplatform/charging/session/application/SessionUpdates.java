package com.evplatform.charging.session.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.FailureReason;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.model.SessionStatus;
import com.evplatform.charging.session.model.Transition;
import com.evplatform.contract.MessageType;
import com.evplatform.contract.Money;
import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What chargers report, applied to sessions (each call runs in a consumer's transaction, once
 * per message). Duplicates and late or reordered events cannot corrupt a session: a
 * transition that does not apply is rejected and changes nothing, readings only move the
 * register forward, and a terminal session never changes again.
 */
@Service
public class SessionUpdates {

    private static final Logger log = LoggerFactory.getLogger(SessionUpdates.class);

    public record StopTimeout(String sessionId) {
    }

    /** Private to charging-service: it travels on its own exchange's delay queue back to itself. */
    public static final MessageType<StopTimeout> STOP_TIMEOUT = MessageType.of("charging.stop-timeout",
            StopTimeout.class);

    /** The check, one stop timeout after a remote stop, that a failed session's late transaction ended. */
    public record LateStopCheck(String chargePointId, int transactionId, String sessionId, int stopsSent) {
    }

    public static final MessageType<LateStopCheck> LATE_STOP_CHECK = MessageType.of("charging.late-stop-check",
            LateStopCheck.class);

    private final Sessions sessions;
    private final SessionJournal journal;
    private final MeterReadings samples;
    private final ChargerCommands commands;
    private final StopRequests stops;
    private final SessionBilling billing;
    private final EndingSessions endings;
    private final Outbox outbox;
    private final ExchangeDefinition chargingEvents;
    private final ChargingProperties properties;
    private final Clock clock;
    private final Counter lateUnstopped;

    SessionUpdates(Sessions sessions, SessionJournal journal, MeterReadings samples,
            ChargerCommands commands, StopRequests stops, SessionBilling billing, EndingSessions endings,
            Outbox outbox, ExchangeDefinition chargingEvents, ChargingProperties properties, Clock clock,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.journal = journal;
        this.samples = samples;
        this.commands = commands;
        this.stops = stops;
        this.billing = billing;
        this.endings = endings;
        this.outbox = outbox;
        this.chargingEvents = chargingEvents;
        this.properties = properties;
        this.clock = clock;
        this.lateUnstopped = meters.counter("charging.late-transactions.unstopped");
    }

    void transactionStarted(DeviceEvent.TransactionStarted started) {
        Optional<ChargingSession> found = started.sessionId() != null ? sessions.findById(started.sessionId())
                : sessions.findByIdTag(started.idTag());
        if (found.isEmpty()) {
            return;
        }
        ChargingSession session = found.get();
        if (session.status() == SessionStatus.FAILED) {
            // Started after we gave up on it: stop it, keep a record, never bill it silently.
            log.warn("charger {} started transaction {} for failed session {}; stopping it", started.chargePointId(),
                    started.transactionId(), session.id());
            samples.recordLateTransaction(started.chargePointId(), started.transactionId(), session.id(),
                    started.timestamp(), started.meterStartWh(), clock.instant());
            stopLate(new LateStopCheck(started.chargePointId(), started.transactionId(), session.id(), 0));
            return;
        }
        Transition transition = session.charging(started.transactionId(), started.meterStartWh(),
                started.timestamp(), clock.instant());
        if (transition.applied()) {
            samples.add(session.id(), started.timestamp(), started.meterStartWh(), null, null);
            catchUp(session);
            journal.record(session, transition);
        }
    }

    /**
     * Readings that overtook the transaction-started (stored while the session was still
     * STARTING, because the start was being retried) count from the moment it is applied: the
     * session shows the latest of them, not its meter start, until the next reading comes.
     */
    private void catchUp(ChargingSession session) {
        List<Pricing.Reading> readings = samples.readings(session.id());
        Pricing.Reading latest = readings.getLast();
        if (latest.energyWh() > session.meterStartWh()) {
            Money cost = billing.soFar(session, readings);
            session.metered(latest.energyWh(), null, null, cost.amount(), clock.instant());
        }
    }

    void meterValues(DeviceEvent.MeterValuesReported reported) {
        Optional<ChargingSession> found = find(reported.sessionId(), reported.chargePointId(),
                reported.transactionId());
        if (found.isEmpty()) {
            return;
        }
        ChargingSession session = found.get();
        if (session.status() == SessionStatus.FAILED || session.status() == SessionStatus.COMPLETED) {
            return;
        }
        // Stored even before the session is CHARGING (its transaction-started is then being retried):
        // the readings count for billing by segment whatever order they arrive in.
        DeviceEvent.MeterSample latest = null;
        for (DeviceEvent.MeterSample sample : reported.samples()) {
            if (sample.energyWh() != null) {
                samples.add(session.id(), sample.timestamp(), sample.energyWh(), sample.powerW(), sample.soc());
                if (latest == null || !sample.timestamp().isBefore(latest.timestamp())) {
                    latest = sample;
                }
            }
        }
        if (latest == null || session.status() == SessionStatus.STARTING) {
            return;
        }
        Money cost = billing.soFar(session, samples.readings(session.id()));
        Transition transition = session.metered(latest.energyWh(), latest.powerW(), latest.soc(), cost.amount(),
                clock.instant());
        if (transition.applied()) {
            journal.record(session, transition);
            if (session.balanceReached()) {
                log.info("session {} cost {} reached its start balance {}; stopping it", session.id(),
                        cost.amount(), session.startBalance());
                stops.request(session, StopReason.BALANCE);
            }
        }
    }

    void transactionStopped(DeviceEvent.TransactionStopped stopped) {
        Optional<ChargingSession> found = find(stopped.sessionId(), stopped.chargePointId(), stopped.transactionId());
        if (found.isEmpty()) {
            return;
        }
        ChargingSession session = found.get();
        switch (session.status()) {
            case STARTING -> throw new NotYetApplicable("transaction-stopped for session " + session.id()
                    + " before its transaction started");
            case FAILED -> {
                // The late transaction a failed session's charger started, now stopped: completes its record.
                if (!samples.recordLateTransactionStop(stopped.chargePointId(),
                        stopped.transactionId(), stopped.timestamp(), stopped.meterStopWh(), stopped.reason())) {
                    throw new NotYetApplicable("transaction-stopped for late transaction " + stopped.transactionId()
                            + " of failed session " + session.id() + " before its start was recorded");
                }
                return;
            }
            case COMPLETED -> {
                // A resent stop, or the real stop of a session the platform already ended (FORCED or
                // WATCHDOG): billed once, on what was known then; the charger's figures stay in device-service.
                return;
            }
            default -> {
                // CHARGING or STOPPING: complete below
            }
        }
        for (DeviceEvent.MeterSample sample : stopped.samples() == null ? List.<DeviceEvent.MeterSample>of()
                : stopped.samples()) {
            if (sample.energyWh() != null) {
                samples.add(session.id(), sample.timestamp(), sample.energyWh(), sample.powerW(), sample.soc());
            }
        }
        samples.add(session.id(), stopped.timestamp(), stopped.meterStopWh(), 0L, null);
        Pricing.Bill bill = billing.bill(session, new Pricing.Reading(stopped.timestamp(), stopped.meterStopWh()));
        Transition transition = session.complete(stopped.meterStopWh(), stopped.timestamp(), stopped.reason(),
                bill.lines(), bill.total());
        if (transition.applied()) {
            journal.record(session, transition);
        }
    }

    void commandResult(DeviceEvent.CommandResult result) {
        if (result.type() == ChargerCommand.Kind.CANCEL_START && result.sessionId() != null) {
            startCancelled(result);
            return;
        }
        if (result.type() != ChargerCommand.Kind.REMOTE_START || result.sessionId() == null) {
            return;
        }
        FailureReason failure = switch (result.status()) {
            case REJECTED -> FailureReason.CHARGER_REJECTED;
            case FAILED -> "CHARGER_OFFLINE".equals(String.valueOf(result.result().get("reason")))
                    ? FailureReason.CHARGER_OFFLINE : FailureReason.CHARGER_REJECTED;
            case ACCEPTED, TIMED_OUT -> null; // ACCEPTED: wait for the transaction; TIMED_OUT: the start timeout decides
        };
        if (failure != null) {
            fail(result.sessionId(), failure);
        }
    }

    /**
     * A command came back from the broker: no instance holds the charger. A remote start fails the
     * session as CHARGER_OFFLINE; a start timeout's question cannot be asked, so the start fails.
     */
    void startReturned(ChargerCommand command) {
        if (command instanceof ChargerCommand.RemoteStart start && start.sessionId() != null) {
            fail(start.sessionId(), FailureReason.CHARGER_OFFLINE);
        } else if (command instanceof ChargerCommand.CancelStart cancel && cancel.keepsAStartedTransaction()) {
            fail(cancel.sessionId(), FailureReason.START_TIMEOUT);
        }
    }

    /**
     * No transaction reported within the start timeout. That may only mean its report is late (the
     * device events lag, the charger's StartTransaction is being retried): failing the session and
     * stopping the transaction would then end a start that succeeded. So the charger's side is asked
     * first, with a cancel that keeps a transaction already begun; the session fails when the answer
     * says none was ({@link #startCancelled}), or at the last check one stop timeout later if it is
     * still STARTING then, and that last check revokes and stops outright.
     */
    void startTimedOut(StartingSessions.StartTimeout timeout) {
        sessions.findById(timeout.sessionId()).filter(session -> session.status() == SessionStatus.STARTING)
                .ifPresent(session -> {
                    if (!timeout.lastCheck()) {
                        log.info("session {}: no transaction reported within {}; asking whether the charger began it",
                                session.id(), properties.startTimeout());
                        commands.cancelStart(session, true);
                        outbox.publish(OutgoingMessage.to(chargingEvents)
                                .aggregate(ChargingEvents.aggregateOf(session.id())).delay(properties.stopTimeout())
                                .message(StartingSessions.START_TIMEOUT,
                                        new StartingSessions.StartTimeout(session.id(), true)));
                        return;
                    }
                    Transition transition = session.fail(FailureReason.START_TIMEOUT, clock.instant());
                    if (transition.applied()) {
                        journal.record(session, transition);
                        // In case the charger starts late: its idTag stops working, a started transaction stops.
                        commands.cancelStart(session, false);
                    }
                });
    }

    /**
     * The answer to the start timeout's cancel: a transaction the charger began is kept and its
     * report awaited (it moves the session to CHARGING); otherwise the tag is revoked now and the
     * start has failed.
     */
    private void startCancelled(DeviceEvent.CommandResult result) {
        sessions.findById(result.sessionId()).filter(session -> session.status() == SessionStatus.STARTING)
                .ifPresent(session -> {
                    if (result.status() == DeviceEvent.CommandStatus.ACCEPTED && result.result() != null
                            && Boolean.TRUE.equals(result.result().get("kept"))) {
                        log.info("session {}: the charger began transaction {}; its report is late, the session goes on",
                                session.id(), result.result().get("transactionId"));
                        return;
                    }
                    Transition transition = session.fail(FailureReason.START_TIMEOUT, clock.instant());
                    if (transition.applied()) {
                        journal.record(session, transition);
                    }
                });
    }

    /**
     * The stop check: a session still STOPPING is flagged and the remote stop sent again, at most
     * {@code stopRetries} times; after that the watchdog ends it.
     */
    void stopTimedOut(StopTimeout timeout) {
        sessions.findById(timeout.sessionId()).ifPresent(session -> {
            if (session.stopRetriesSpent(properties.stopRetries())) {
                endings.endByWatchdog(session, EndingSessions.Finding.STOP_UNANSWERED,
                        "the charger did not end the transaction after " + (properties.stopRetries() + 1)
                                + " remote stops");
                return;
            }
            Transition transition = session.stopOverdue(properties.stopRetries());
            if (transition.applied()) {
                log.warn("session {} asked to stop {} ago and the charger has not ended it; asking again ({} of {})",
                        session.id(), properties.stopTimeout(), session.stopRetries(), properties.stopRetries());
                stops.send(journal.record(session, transition));
            }
        });
    }

    /**
     * A failed session's late transaction is stopped like a session's: the remote stop is sent
     * again each stop timeout while the charger has not reported the stop, {@code stopRetries}
     * times at most; after that it stays recorded in {@code late_transactions} without a stop,
     * for an operator, and is counted.
     */
    void lateStopChecked(LateStopCheck check) {
        if (samples.lateTransactionStopped(check.chargePointId(), check.transactionId())) {
            return;
        }
        if (check.stopsSent() > properties.stopRetries()) {
            log.error("late transaction {} on {} (failed session {}) still runs after {} remote stops; left to an "
                    + "operator", check.transactionId(), check.chargePointId(), check.sessionId(), check.stopsSent());
            lateUnstopped.increment();
            return;
        }
        log.warn("late transaction {} on {} still runs; remote stop again ({} of {})", check.transactionId(),
                check.chargePointId(), check.stopsSent(), properties.stopRetries());
        stopLate(check);
    }

    private void stopLate(LateStopCheck check) {
        commands.remoteStop(check.chargePointId(), check.sessionId(), check.transactionId());
        outbox.publish(OutgoingMessage.to(chargingEvents).aggregate(ChargingEvents.aggregateOf(check.sessionId()))
                .delay(properties.stopTimeout()).message(LATE_STOP_CHECK, new LateStopCheck(check.chargePointId(),
                        check.transactionId(), check.sessionId(), check.stopsSent() + 1)));
    }

    private void fail(String sessionId, FailureReason reason) {
        sessions.findById(sessionId).ifPresent(session -> {
            Transition transition = session.fail(reason, clock.instant());
            if (transition.applied()) {
                journal.record(session, transition);
            }
        });
    }

    private Optional<ChargingSession> find(String sessionId, String chargePointId, Integer transactionId) {
        if (sessionId != null) {
            return sessions.findById(sessionId);
        }
        return transactionId == null ? Optional.empty()
                : sessions.findByChargePointIdAndTransactionId(chargePointId, transactionId);
    }

    /**
     * An event that belongs after one not applied yet (its retry is on the way): retried later by the
     * consumer's retry tiers, and kept in the dead letters if its predecessor never comes.
     */
    static final class NotYetApplicable extends RuntimeException {
        NotYetApplicable(String message) {
            super(message, null, false, false);
        }
    }
}
