package com.evplatform.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One OCPP-J message: a CALL, CALLRESULT or CALLERROR, with its JSON array form on the wire. */
sealed interface OcppFrame {

    JsonMapper JSON = JsonMapper.builder().build();
    DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    int CALL = 2;
    int CALL_RESULT = 3;
    int CALL_ERROR = 4;

    String uniqueId();

    /** {@code [2, uniqueId, action, payload]}. */
    record Call(String uniqueId, String action, JsonNode payload) implements OcppFrame {
    }

    /** {@code [3, uniqueId, payload]}. */
    record CallResult(String uniqueId, JsonNode payload) implements OcppFrame {
    }

    /** {@code [4, uniqueId, errorCode, errorDescription, errorDetails]}. */
    record CallError(String uniqueId, String errorCode, String description, JsonNode details) implements OcppFrame {
    }

    /** Thrown for text that is not a well-formed OCPP-J frame. */
    final class MalformedFrameException extends Exception {
        MalformedFrameException(String message) {
            super(message, null, false, false);
        }
    }

    static OcppFrame parse(String text) throws MalformedFrameException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedFrameException("not JSON");
        }
        if (root == null || !root.isArray() || root.size() < 3 || !root.get(0).isIntegralNumber()
                || !root.get(1).isString()) {
            throw new MalformedFrameException("not an OCPP-J array");
        }
        String uniqueId = root.get(1).stringValue();
        return switch (root.get(0).intValue()) {
            case CALL -> {
                if (root.size() != 4 || !root.get(2).isString() || !root.get(3).isObject()) {
                    throw new MalformedFrameException("malformed CALL");
                }
                yield new Call(uniqueId, root.get(2).stringValue(), root.get(3));
            }
            case CALL_RESULT -> {
                if (root.size() != 3 || !root.get(2).isObject()) {
                    throw new MalformedFrameException("malformed CALLRESULT");
                }
                yield new CallResult(uniqueId, root.get(2));
            }
            case CALL_ERROR -> {
                if (root.size() < 4 || !root.get(2).isString()) {
                    throw new MalformedFrameException("malformed CALLERROR");
                }
                JsonNode details = root.size() > 4 ? root.get(4) : JSON.createObjectNode();
                yield new CallError(uniqueId, root.get(2).stringValue(), root.get(3).asString(""), details);
            }
            default -> throw new MalformedFrameException("unknown message type");
        };
    }

    static String call(String uniqueId, String action, JsonNode payload) {
        ArrayNode frame = JSON.createArrayNode().add(CALL).add(uniqueId).add(action);
        frame.add(payload);
        return JSON.writeValueAsString(frame);
    }

    static String callResult(String uniqueId, JsonNode payload) {
        ArrayNode frame = JSON.createArrayNode().add(CALL_RESULT).add(uniqueId);
        frame.add(payload);
        return JSON.writeValueAsString(frame);
    }

    static String callError(String uniqueId, String errorCode, String description) {
        ArrayNode frame = JSON.createArrayNode().add(CALL_ERROR).add(uniqueId).add(errorCode).add(description);
        frame.add(JSON.createObjectNode());
        return JSON.writeValueAsString(frame);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T08:00:00.000Z}, as OCPP's date-time fields expect. */
    static String timestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
