package com.evplatform.device.ocpp.protocol;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Between payload trees and the records of {@code com.evplatform.device.ocpp.protocol.messages}
 * (or any record shaped like an OCPP payload), with Jackson 3.
 */
public final class OcppPayloads {

    private OcppPayloads() {
    }

    /**
     * Reads a payload, which should have passed {@link OcppSchemas} first.
     *
     * @throws IllegalArgumentException if it does not fit the type; after schema validation that only
     *         happens for a number beyond the Java type's range (a transaction id above 2<sup>31</sup>-1),
     *         which is worth answering with {@link OcppErrorCode#PropertyConstraintViolation}
     */
    public static <T> T read(JsonNode payload, Class<T> type) {
        Objects.requireNonNull(payload, "payload");
        try {
            return OcppJson.PAYLOAD_MAPPER.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Payload is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes a payload record as the JSON object of a CALL or CALLRESULT. */
    public static ObjectNode write(Object payload) {
        Objects.requireNonNull(payload, "payload");
        JsonNode tree = OcppJson.PAYLOAD_MAPPER.valueToTree(payload);
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("A payload is a JSON object, not " + tree.getNodeType()
                    + " (" + payload.getClass().getName() + ")");
        }
        return object;
    }
}
