package com.evplatform.messaging.support;

import com.evplatform.messaging.Envelope;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns envelopes and payloads into bytes and back with Jackson 3. Unknown fields are
 * ignored, so a producer may add fields before every consumer knows them.
 */
public final class EnvelopeCodec {

    private final JsonMapper mapper;

    public EnvelopeCodec(JsonMapper mapper) {
        this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public byte[] encode(Envelope envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    public JsonNode toTree(Object payload) {
        return mapper.valueToTree(payload);
    }

    /** @throws UndecodableMessageException when the bytes are not an envelope */
    public Envelope decode(byte[] body) {
        try {
            Envelope envelope = mapper.readValue(body, Envelope.class);
            if (envelope.messageId() == null || envelope.type() == null || envelope.payload() == null) {
                throw new UndecodableMessageException("envelope lacks messageId, type or payload");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new UndecodableMessageException("not a JSON envelope: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws UndecodableMessageException when the payload does not fit the type */
    public <T> T payload(Envelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.payload(), type);
        } catch (JacksonException e) {
            throw new UndecodableMessageException(
                    "payload of " + envelope.type() + " does not decode as " + type.getSimpleName() + ": "
                            + e.getOriginalMessage(), e);
        }
    }

    public static final class UndecodableMessageException extends RuntimeException {
        public UndecodableMessageException(String message) {
            super(message);
        }

        public UndecodableMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
