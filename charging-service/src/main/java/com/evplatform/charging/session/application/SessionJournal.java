package com.evplatform.charging.session.application;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.session.model.Transition;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records what happened to a session, inside the caller's transaction: the row, the event
 * the transition produced (through the outbox, on {@code charging.events}), and, after the
 * commit, the live snapshot in Redis.
 */
@Component
public class SessionJournal {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sessions sessions;
    private final Outbox outbox;
    private final SessionSnapshots snapshots;
    private final ExchangeDefinition chargingEvents;
    private final SessionMetrics metrics;

    SessionJournal(Sessions sessions, Outbox outbox, SessionSnapshots snapshots,
            ExchangeDefinition chargingEvents, SessionMetrics metrics) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.snapshots = snapshots;
        this.chargingEvents = chargingEvents;
        this.metrics = metrics;
    }

    public ChargingSession record(ChargingSession session, Transition transition) {
        ChargingSession saved = sessions.saveAndFlush(session);
        if (transition != null && transition.event() != null) {
            SessionEvent event = transition.event();
            outbox.publish(OutgoingMessage.to(chargingEvents).aggregate(ChargingEvents.aggregateOf(saved.id()))
                    .messageOf(ChargingEvents.kindOf(event), event));
        }
        SessionEvent published = transition == null ? null : transition.event();
        String view = JSON.writeValueAsString(SessionView.of(saved));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    snapshots.put(saved.id(), saved.version(), view);
                } catch (RuntimeException e) {
                    // Redis away: readers fall back to the database.
                }
                if (published != null) {
                    metrics.recorded(saved, published);
                }
            }
        });
        return saved;
    }

}
