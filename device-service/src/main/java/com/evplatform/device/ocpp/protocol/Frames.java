package com.evplatform.device.ocpp.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Invariants the frame records share. */
final class Frames {

    private Frames() {
    }

    static void requireMessageId(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        if (tooLong(messageId)) {
            throw new IllegalArgumentException("An OCPP-J message id has at most "
                    + OcppFrame.MAX_MESSAGE_ID_LENGTH + " characters: " + messageId);
        }
    }

    static boolean tooLong(String messageId) {
        return messageId.length() > OcppFrame.MAX_MESSAGE_ID_LENGTH
                && messageId.codePointCount(0, messageId.length()) > OcppFrame.MAX_MESSAGE_ID_LENGTH;
    }

    static void requireObject(JsonNode node, String what) {
        Objects.requireNonNull(node, what);
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, not " + node.getNodeType());
        }
    }
}
