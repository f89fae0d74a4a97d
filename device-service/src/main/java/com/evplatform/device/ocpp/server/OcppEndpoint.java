package com.evplatform.device.ocpp.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.evplatform.device.ocpp.OcppProperties;

import jakarta.websocket.Session;

/**
 * The WebSocket side of {@code /ocpp/{chargePointId}}. The container delivers one connection's
 * messages one at a time, so a charger's messages are processed in the order it sent them.
 *
 * <p>Memory per connection: the container's receive buffer stays at its small default, and the
 * rare frame larger than it arrives in parts, joined here up to {@link #MAX_FRAME_CHARS}. Raising
 * the container's buffer to the largest frame instead would cost that much for every connected
 * charger, all the time (128 KB each for 64 K characters: a 512 MB heap would hold 3,000 chargers).
 */
@Component
public class OcppEndpoint extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(OcppEndpoint.class);
    private static final String CONNECTION = "ocpp.connection";
    private static final String PARTIAL = "ocpp.partial";

    /** OCPP frames with transaction data can be large. */
    private static final int MAX_FRAME_CHARS = 64 * 1024;

    private final CentralSystem centralSystem;
    private final ConnectedChargers chargers;
    private final OcppProperties properties;

    OcppEndpoint(CentralSystem centralSystem, ConnectedChargers chargers, OcppProperties properties) {
        this.centralSystem = centralSystem;
        this.chargers = chargers;
        this.properties = properties;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession(Session.class) instanceof Session socket) {
            // A charger silent for its missed heartbeats is gone: close, so it counts as offline.
            socket.setMaxIdleTimeout(properties.onlineTtl().toMillis());
        }
        String chargePointId = (String) session.getAttributes().get(ChargerHandshake.CHARGE_POINT_ID);
        var connection = new ChargerConnection(chargePointId, session);
        session.getAttributes().put(CONNECTION, connection);
        chargers.connected(connection);
        log.debug("{} connected ({})", chargePointId, session.getId());
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        String frame = whole(session, message);
        if (frame == null) {
            return;
        }
        ChargerConnection connection = connection(session);
        chargers.seen(connection);
        centralSystem.onFrame(connection, frame);
    }

    /** The whole frame once its last part is in; null while parts are still coming. */
    private static String whole(WebSocketSession session, TextMessage message) throws Exception {
        var partial = (StringBuilder) session.getAttributes().get(PARTIAL);
        if (partial == null && message.isLast()) {
            return message.getPayload();
        }
        if (partial == null) {
            partial = new StringBuilder(message.getPayloadLength() * 2);
            session.getAttributes().put(PARTIAL, partial);
        }
        partial.append(message.getPayload());
        if (partial.length() > MAX_FRAME_CHARS) {
            session.getAttributes().remove(PARTIAL);
            log.info("{} sent a frame over {} characters: closing",
                    session.getAttributes().get(ChargerHandshake.CHARGE_POINT_ID), MAX_FRAME_CHARS);
            session.close(CloseStatus.TOO_BIG_TO_PROCESS);
            return null;
        }
        if (!message.isLast()) {
            return null;
        }
        session.getAttributes().remove(PARTIAL);
        return partial.toString();
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.info("transport error on {}: {}", session.getAttributes().get(ChargerHandshake.CHARGE_POINT_ID),
                exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChargerConnection connection = connection(session);
        if (connection != null) {
            chargers.disconnected(connection);
            log.debug("{} disconnected: {}", connection.chargePointId(), status);
        }
    }

    private static ChargerConnection connection(WebSocketSession session) {
        return (ChargerConnection) session.getAttributes().get(CONNECTION);
    }
}
