package com.evplatform.charging.session.application;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.evplatform.charging.session.model.ChargingSession;
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
        send(new DeviceContract.Command(UUID.randomUUID().toString(), session.chargePointId(), "REMOTE_START",
                session.connectorId(), session.id(), Map.of("idTag", session.idTag())));
    }

    /**
     * The session gave up waiting: its idTag is revoked, so a transaction the charger starts
     * with it late is refused (Invalid) and one it already started is stopped.
     */
    void cancelStart(ChargingSession session) {
        send(new DeviceContract.Command(UUID.randomUUID().toString(), session.chargePointId(), "CANCEL_START",
                session.connectorId(), session.id(), Map.of("idTag", session.idTag())));
    }

    void remoteStop(String chargePointId, String sessionId, int transactionId) {
        send(new DeviceContract.Command(UUID.randomUUID().toString(), chargePointId, "REMOTE_STOP", null, sessionId,
                Map.of("transactionId", transactionId)));
    }

    private void send(DeviceContract.Command command) {
        outbox.publish(OutgoingMessage.to(DeviceContract.DEVICE_COMMANDS.name()).type(DeviceContract.COMMAND)
                .aggregate("session:" + command.sessionId())
                .routingKey(DeviceContract.commandRoutingKey(command.chargePointId())).payload(command));
    }
}
