package com.evplatform.device.ocpp.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A successful answer: {@code [3, "<messageId>", {payload}]}. The action it answers is not on the
 * wire: the receiver knows it from the CALL it sent with the same id.
 *
 * @param messageId the id of the CALL it answers
 * @param payload   a JSON object
 */
public record CallResult(String messageId, JsonNode payload) implements OcppFrame {

    public static final int TYPE_ID = 3;

    public CallResult {
        Frames.requireMessageId(messageId);
        Frames.requireObject(payload, "payload");
    }

    @Override
    public int messageTypeId() {
        return TYPE_ID;
    }
}
