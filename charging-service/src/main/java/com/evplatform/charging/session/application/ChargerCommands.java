package com.evplatform.charging.session.application;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

/** Start and stop commands to a session's charger, through the outbox to {@code device.commands}. */
@Component
class ChargerCommands {

    private final Outbox outbox;

    ChargerCommands(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Remote start with the session's own idTag, so the charger's transaction names the session. */
    void remoteStart(ChargingSession session) {
        send(session.id(), new ChargerCommand.RemoteStart(newId(), session.chargePointId(), session.connectorId(),
                session.id(), session.idTag()));
    }

    /**
     * The session gave up waiting: its idTag is revoked, so a transaction the charger starts
     * with it late is refused (Invalid) and one it already started is stopped.
     */
    /**
     * @param keepIfStarted true when the session only waited too long: a transaction the charger
     *        did start is kept (and reported back as kept) instead of stopped
     */
    void cancelStart(ChargingSession session, boolean keepIfStarted) {
        send(session.id(), new ChargerCommand.CancelStart(newId(), session.chargePointId(), session.connectorId(),
                session.id(), session.idTag(), keepIfStarted));
    }

    void remoteStop(String chargePointId, String sessionId, int transactionId) {
        send(sessionId, new ChargerCommand.RemoteStop(newId(), chargePointId, sessionId, transactionId));
    }

    private void send(String sessionId, ChargerCommand command) {
        outbox.publish(OutgoingMessage.to(DeviceEvents.COMMANDS).aggregate(ChargingEvents.aggregateOf(sessionId))
                .routingKey(DeviceEvents.commandRoutingKey(command.chargePointId()))
                .message(DeviceEvents.COMMAND, command));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
