package com.evplatform.charging.session.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.service.support.refusal.Refusal;

/**
 * A driver asks to start (ARCHITECTURE.md section 1, steps 4-6): device authentication and
 * the tariff from device-service, the wallet check from order-service, then the session row, the remote start and the start
 * timeout commit together, and the driver gets 202 at once. The session becomes CHARGING only
 * when the charger reports the transaction for its idTag.
 */
@Service
public class StartingSessions {

    /**
     * @param lastCheck false at the start timeout: the charger is asked whether it began the
     *        transaction ({@link ChargerCommands#cancelStart(ChargingSession, boolean)} keeping a
     *        started one); true one stop timeout later, for a session still STARTING then (no
     *        answer, or a kept transaction whose report never came): it fails and the start is
     *        cancelled outright. Absent (a timeout scheduled before this field existed) is false.
     */
    public record StartTimeout(String sessionId, boolean lastCheck) {
        public StartTimeout(String sessionId) {
            this(sessionId, false);
        }
    }

    /** Private to charging-service: it travels on its own exchange's delay queue back to itself. */
    public static final MessageType<StartTimeout> START_TIMEOUT = MessageType.of("charging.start-timeout",
            StartTimeout.class);

    private final Devices device;
    private final Wallets wallets;
    private final Sessions sessions;
    private final SessionJournal journal;
    private final ChargerCommands commands;
    private final Outbox outbox;
    private final ExchangeDefinition chargingEvents;
    private final ChargingProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StartingSessions(Devices device, Wallets wallets, Sessions sessions, SessionJournal journal,
            ChargerCommands commands, Outbox outbox, ExchangeDefinition chargingEvents,
            ChargingProperties properties, TransactionTemplate transactions, Clock clock) {
        this.device = device;
        this.wallets = wallets;
        this.sessions = sessions;
        this.journal = journal;
        this.commands = commands;
        this.outbox = outbox;
        this.chargingEvents = chargingEvents;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return the new session, or the one this Idempotency-Key already started */
    public ChargingSession start(String userId, String bearerToken, String connectorCode, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<ChargingSession> earlier = sessions.findByUserIdAndIdempotencyKey(userId, idempotencyKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Devices.Connector connector = device.resolve(connectorCode);
        Devices.Availability availability = device.availability(connector.connectorCode(), bearerToken);
        if (!availability.available()) {
            throw Refusal.conflict("CONNECTOR_UNAVAILABLE", "The connector cannot start now: "
                    + availability.reason()).with("reason", availability.reason());
        }
        if (connector.tariff() == null) {
            throw Refusal.conflict("CONNECTOR_UNAVAILABLE", "The station has no tariff yet")
                    .with("reason", "NO_TARIFF");
        }
        TariffSnapshot tariff = snapshot(connector.tariff());
        // Asked last, and outside the transaction: a refused wallet saves and sends nothing.
        Wallets.StartAllowance allowance = wallets.check(userId, bearerToken);
        try {
            return transactions.execute(status -> {
                ChargingSession session = ChargingSession.request(userId, connector.operator().code(),
                        connector.connectorCode(), connector.chargePointId(), connector.connectorId(), tariff,
                        allowance.balance(), idempotencyKey, clock.instant());
                ChargingSession saved = journal.record(session, null);
                commands.remoteStart(saved);
                outbox.publish(OutgoingMessage.to(chargingEvents).aggregate(ChargingEvents.aggregateOf(saved.id()))
                        .delay(properties.startTimeout()).message(START_TIMEOUT, new StartTimeout(saved.id())));
                return saved;
            });
        } catch (DataIntegrityViolationException e) {
            throw refusal(e, userId, idempotencyKey);
        }
    }

    /** Which one-active rule (or the idempotency key) the database enforced. */
    private RuntimeException refusal(DataIntegrityViolationException e, String userId, String idempotencyKey) {
        // A retry that raced its own first request waited on that request's row, and InnoDB reports
        // whichever unique key it checked first (often the one-active-per-driver key): the key decides.
        if (idempotencyKey != null) {
            Optional<ChargingSession> earlier = sessions.findByUserIdAndIdempotencyKey(userId, idempotencyKey);
            if (earlier.isPresent()) {
                return new AlreadyStarted(earlier.get());
            }
        }
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("uk_sessions_active_user")) {
            return Refusal.conflict("ACTIVE_SESSION_EXISTS", "You already have an active charging session");
        }
        if (message.contains("uk_sessions_active_connector")) {
            return Refusal.conflict("CONNECTOR_UNAVAILABLE", "Someone else is charging at this connector")
                    .with("reason", "OCCUPIED");
        }
        return e;
    }

    /** The same Idempotency-Key raced itself: the other request's session is the answer. */
    public static final class AlreadyStarted extends RuntimeException {
        private final transient ChargingSession session;

        AlreadyStarted(ChargingSession session) {
            super(null, null, false, false);
            this.session = session;
        }

        public ChargingSession session() {
            return session;
        }
    }

    private static TariffSnapshot snapshot(Devices.Tariff tariff) {
        List<TariffSnapshot.Segment> segments = tariff.segments().stream()
                .map(s -> new TariffSnapshot.Segment(s.start(), new java.math.BigDecimal(s.electricityFee()),
                        new java.math.BigDecimal(s.serviceFee())))
                .toList();
        return new TariffSnapshot(tariff.currency(), segments);
    }
}
