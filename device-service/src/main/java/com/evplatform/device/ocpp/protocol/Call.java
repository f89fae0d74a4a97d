package com.evplatform.device.ocpp.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A request: {@code [2, "<messageId>", "<action>", {payload}]}.
 *
 * @param messageId at most 36 characters
 * @param action    the action name, e.g. {@code BootNotification}; not checked against the known actions
 *                  here (an unknown one is answered with {@code NotImplemented} by whoever dispatches)
 * @param payload   a JSON object
 */
public record Call(String messageId, String action, JsonNode payload) implements OcppFrame {

    public static final int TYPE_ID = 2;

    public Call {
        Frames.requireMessageId(messageId);
        Objects.requireNonNull(action, "action");
        Frames.requireObject(payload, "payload");
    }

    @Override
    public int messageTypeId() {
        return TYPE_ID;
    }
}
