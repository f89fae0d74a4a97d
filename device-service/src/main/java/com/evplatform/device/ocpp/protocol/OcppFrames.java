package com.evplatform.device.ocpp.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads and writes OCPP-J 1.6 RPC frames (section 4) with Jackson 3.
 *
 * <h2>What {@link #parse} refuses, and with which code</h2>
 * OCPP-J 1.6 names no error code for a broken frame; section 4.2.3 only says a CALL whose "content
 * ... does not meet the requirements for a proper message" (its examples: missing mandatory fields,
 * a unique identifier too long) is answered with a CALLERROR. The codes are chosen from the
 * definitions in that section, keeping the three constraint codes for payloads (which
 * {@link OcppSchemas} checks) and using the two structural ones for the envelope:
 * <table>
 *   <caption>Frame errors</caption>
 *   <tr><th>Text</th><th>Code</th><th>Why</th></tr>
 *   <tr><td>not JSON (or trailing garbage, duplicate keys, nesting deeper than 64), not an array,
 *       an empty array, a type number that is not an integer</td>
 *       <td>{@code FormationViolation}</td><td>"syntactically incorrect"; no id can be trusted, so
 *       never answered</td></tr>
 *   <tr><td>an integer type number other than 2, 3, 4</td><td>{@code FormationViolation}, not
 *       answered</td><td>section 4.1.3: the receiver "SHALL ignore the message payload"</td></tr>
 *   <tr><td>fewer elements than the type has (a CALL without payload, a CALLERROR without
 *       details)</td><td>{@code ProtocolError}</td><td>"Payload for Action is incomplete"</td></tr>
 *   <tr><td>more elements than the type has; an id that is not a string or longer than 36
 *       characters; an action, error code or description that is not a string; a payload or details
 *       that is neither an object nor null</td><td>{@code FormationViolation}</td><td>"not conform the
 *       PDU structure"</td></tr>
 * </table>
 * Only a recognisable CALL with a readable id is answerable ({@link FrameException#answerable()}).
 *
 * <h2>Tolerated on input</h2>
 * <ul>
 *   <li>A {@code null} payload (CALL, CALLRESULT) or {@code null} error details are read as {@code {}}:
 *       section 4.2.1 notes that JSON allows both {@code null} and {@code {}} for "no payload" and only
 *       recommends the latter. Schema validation then decides whether an empty payload is acceptable.</li>
 *   <li>An error code this version does not define is read as {@code GenericError}, so that the
 *       answer still reaches whoever waits for it.</li>
 * </ul>
 * {@link #write} always writes {@code {}}, never {@code null}.
 */
public final class OcppFrames {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OcppFrames() {
    }

    /** Reads one OCPP-J message. */
    public static OcppFrame parse(String text) throws FrameException {
        JsonNode root = readTree(text);
        if (!root.isArray()) {
            throw new FrameException(OcppErrorCode.FormationViolation, null, null,
                    "An OCPP-J message is a JSON array, not " + root.getNodeType());
        }
        if (root.isEmpty()) {
            throw new FrameException(OcppErrorCode.FormationViolation, null, null,
                    "An OCPP-J message cannot be an empty array");
        }
        JsonNode typeNode = root.get(0);
        String candidateId = root.size() > 1 && root.get(1).isString() ? root.get(1).stringValue() : null;
        if (!typeNode.isIntegralNumber() || !typeNode.canConvertToInt()) {
            throw new FrameException(OcppErrorCode.FormationViolation, candidateId, null,
                    "The message type number must be an integer (2, 3 or 4), not " + typeNode);
        }
        int typeId = typeNode.intValue();
        int expectedSize = switch (typeId) {
            case Call.TYPE_ID -> 4;
            case CallResult.TYPE_ID -> 3;
            case CallError.TYPE_ID -> 5;
            default -> throw new FrameException(OcppErrorCode.FormationViolation, candidateId, typeId,
                    "Unknown message type number " + typeId + " (2 CALL, 3 CALLRESULT, 4 CALLERROR)");
        };
        if (root.size() < expectedSize) {
            throw new FrameException(OcppErrorCode.ProtocolError, candidateId, typeId,
                    typeName(typeId) + " has " + expectedSize + " elements, this one " + root.size());
        }
        if (root.size() > expectedSize) {
            throw new FrameException(OcppErrorCode.FormationViolation, candidateId, typeId,
                    typeName(typeId) + " has " + expectedSize + " elements, this one " + root.size());
        }
        if (candidateId == null) {
            throw new FrameException(OcppErrorCode.FormationViolation, null, typeId,
                    "The unique id must be a string, not " + root.get(1).getNodeType());
        }
        if (Frames.tooLong(candidateId)) {
            throw new FrameException(OcppErrorCode.FormationViolation, candidateId, typeId,
                    "The unique id has more than " + OcppFrame.MAX_MESSAGE_ID_LENGTH + " characters");
        }
        return switch (typeId) {
            case Call.TYPE_ID -> new Call(candidateId,
                    string(root.get(2), "action", candidateId, typeId),
                    object(root.get(3), "payload", candidateId, typeId));
            case CallResult.TYPE_ID -> new CallResult(candidateId,
                    object(root.get(2), "payload", candidateId, typeId));
            default -> new CallError(candidateId,
                    OcppErrorCode.fromWireName(string(root.get(2), "errorCode", candidateId, typeId)),
                    string(root.get(3), "errorDescription", candidateId, typeId),
                    object(root.get(4), "errorDetails", candidateId, typeId));
        };
    }

    /** Writes one OCPP-J message as compact JSON text. */
    public static String write(OcppFrame frame) {
        ArrayNode array = NODES.arrayNode(5);
        array.add(frame.messageTypeId());
        array.add(frame.messageId());
        switch (frame) {
            case Call call -> {
                array.add(call.action());
                array.add(call.payload());
            }
            case CallResult result -> array.add(result.payload());
            case CallError error -> {
                array.add(error.code().wireName());
                array.add(error.description());
                array.add(error.details());
            }
        }
        return OcppJson.MAPPER.writeValueAsString(array);
    }

    private static JsonNode readTree(String text) throws FrameException {
        if (text == null) {
            throw new FrameException(OcppErrorCode.FormationViolation, null, null, "No message text");
        }
        try {
            JsonNode root = OcppJson.MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new FrameException(OcppErrorCode.FormationViolation, null, null, "Empty message");
            }
            return root;
        } catch (JacksonException e) {
            throw new FrameException(OcppErrorCode.FormationViolation, null, null,
                    "Not a JSON text: " + e.getOriginalMessage(), e);
        }
    }

    private static String string(JsonNode node, String what, String messageId, int typeId) throws FrameException {
        if (!node.isString()) {
            throw new FrameException(OcppErrorCode.FormationViolation, messageId, typeId,
                    "The " + what + " must be a string, not " + node.getNodeType());
        }
        return node.stringValue();
    }

    private static JsonNode object(JsonNode node, String what, String messageId, int typeId) throws FrameException {
        if (node.isNull()) {
            return OcppJson.emptyObject();
        }
        if (!node.isObject()) {
            throw new FrameException(OcppErrorCode.FormationViolation, messageId, typeId,
                    "The " + what + " must be a JSON object, not " + node.getNodeType());
        }
        return node;
    }

    private static String typeName(int typeId) {
        return switch (typeId) {
            case Call.TYPE_ID -> "A CALL";
            case CallResult.TYPE_ID -> "A CALLRESULT";
            default -> "A CALLERROR";
        };
    }
}
