package com.evplatform.charging.session.application;

import java.time.Clock;

import org.springframework.stereotype.Component;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.Transition;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

/**
 * The one way a stop is asked for, whoever asks (the driver, an operator, the platform when the
 * balance runs out): STOPPING, the remote stop and the stop check, all in the caller's
 * transaction. The session completes when the charger reports the transaction stopped.
 */
@Component
class StopRequests {

    private final SessionJournal journal;
    private final ChargerCommands commands;
    private final Outbox outbox;
    private final ExchangeDefinition chargingEvents;
    private final ChargingProperties properties;
    private final Clock clock;

    StopRequests(SessionJournal journal, ChargerCommands commands, Outbox outbox,
            ExchangeDefinition chargingEvents, ChargingProperties properties, Clock clock) {
        this.journal = journal;
        this.commands = commands;
        this.outbox = outbox;
        this.chargingEvents = chargingEvents;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the transition: when rejected, nothing was recorded or sent */
    Transition request(ChargingSession session, StopReason by) {
        Transition transition = session.requestStop(by, clock.instant());
        if (transition.applied()) {
            send(journal.record(session, transition));
        }
        return transition;
    }

    /** The remote stop to the session's charger, and a check that it was carried out in time. */
    void send(ChargingSession session) {
        commands.remoteStop(session.chargePointId(), session.id(), session.transactionId());
        outbox.publish(OutgoingMessage.to(chargingEvents).aggregate(ChargingEvents.aggregateOf(session.id()))
                .delay(properties.stopTimeout()).message(SessionUpdates.STOP_TIMEOUT,
                        new SessionUpdates.StopTimeout(session.id())));
    }
}
