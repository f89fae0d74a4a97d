package com.evplatform.simulator;

import java.util.List;
import java.util.OptionalInt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of incoming CALL payloads, answering the OCPP-J error a strict peer would for a missing or
 * ill-typed field, and builds the sampled values of outgoing MeterValues.
 */
final class Payloads {

    static final String FORMATION_VIOLATION = "FormationViolation";
    static final String TYPE_CONSTRAINT_VIOLATION = "TypeConstraintViolation";
    static final String PROPERTY_CONSTRAINT_VIOLATION = "PropertyConstraintViolation";
    static final String NOT_IMPLEMENTED = "NotImplemented";

    private Payloads() {
    }

    static String requiredString(JsonNode payload, String field, int maxLength) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            throw new OcppException(FORMATION_VIOLATION, "missing " + field);
        }
        if (!value.isString()) {
            throw new OcppException(TYPE_CONSTRAINT_VIOLATION, field + " must be a string");
        }
        String text = value.stringValue();
        if (text.length() > maxLength) {
            throw new OcppException(PROPERTY_CONSTRAINT_VIOLATION, field + " is longer than " + maxLength);
        }
        return text;
    }

    static String requiredEnum(JsonNode payload, String field, List<String> allowed) {
        String value = requiredString(payload, field, Integer.MAX_VALUE);
        if (!allowed.contains(value)) {
            throw new OcppException(PROPERTY_CONSTRAINT_VIOLATION, field + " must be one of " + allowed);
        }
        return value;
    }

    static int requiredInt(JsonNode payload, String field) {
        return optionalInt(payload, field)
                .orElseThrow(() -> new OcppException(FORMATION_VIOLATION, "missing " + field));
    }

    static OptionalInt optionalInt(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new OcppException(TYPE_CONSTRAINT_VIOLATION, field + " must be an integer");
        }
        return OptionalInt.of(value.intValue());
    }

    static ObjectNode status(String status) {
        return OcppFrame.object().put("status", status);
    }

    static void addSample(ArrayNode sampledValues, String value, String measurand, String unit, String context,
            String location) {
        ObjectNode sample = sampledValues.addObject()
                .put("value", value)
                .put("context", context)
                .put("measurand", measurand)
                .put("unit", unit);
        if (location != null) {
            sample.put("location", location);
        }
    }
}
