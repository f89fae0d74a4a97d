package com.evplatform.device.ocpp.protocol;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The OCA's OCPP 1.6 JSON schemas (draft-04, edition of 2019-12), compiled once, and validation of
 * CALL and CALLRESULT payloads against them.
 *
 * <p>Create one with {@link #load()} at start-up and share it: it is immutable and thread-safe, and a
 * validation only walks the payload (no parsing, no schema lookup beyond a map get). The schemas are
 * read from {@code classpath:ocpp/v16/<Action>.json} and {@code <Action>Response.json}; see the
 * README there for where they come from.
 *
 * <h2>From schema keyword to OCPP-J error code (OCPP-J 1.6, section 4.2.3)</h2>
 * <ul>
 *   <li>{@code required} (a missing field), {@code minItems}/{@code maxItems} (cardinality)
 *       &rarr; {@link OcppErrorCode#OccurenceConstraintViolation}</li>
 *   <li>{@code type} (a field of the wrong JSON type, e.g. {@code "connectorId": "1"})
 *       &rarr; {@link OcppErrorCode#TypeConstraintViolation}</li>
 *   <li>{@code enum}, {@code maxLength}, {@code minLength}, {@code pattern}, {@code format},
 *       {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 *       {@code multipleOf}, {@code uniqueItems} (a field of the right type with a value it may not
 *       have) &rarr; {@link OcppErrorCode#PropertyConstraintViolation}</li>
 *   <li>{@code additionalProperties} (a field the PDU does not have), a payload that is not a JSON
 *       object, and any other keyword &rarr; {@link OcppErrorCode#FormationViolation} ("not conform
 *       the PDU structure")</li>
 * </ul>
 * Violations come back ordered by that list read bottom-up (formation, type, occurrence, property),
 * then in document order, so the first is the one to put in a CALLERROR.
 *
 * <h2>Formats</h2>
 * Format assertions are switched on explicitly (draft-04 treats {@code format} as an assertion, but the
 * validator's default must not be relied on). {@code date-time} is RFC 3339 {@code date-time}, checked
 * by the validator with ethlo ITU: {@code 2026-11-22T08:00:00Z}, {@code 2026-11-22T08:00:00.123Z} and
 * {@code 2026-11-22T09:00:00+01:00} pass; a time without an offset ({@code 2026-11-22T08:00:00}), a
 * date alone, or an impossible date ({@code 2026-02-30T...}) fail. {@code uri} (firmware and
 * diagnostics locations) is RFC 3986.
 */
public final class OcppSchemas {

    /** Where the schemas are on the classpath. */
    public static final String RESOURCE_DIRECTORY = "ocpp/v16/";

    private static final String RESPONSE_SUFFIX = "Response";

    private final Map<String, Schema> requests;
    private final Map<String, Schema> responses;

    private OcppSchemas(Map<String, Schema> requests, Map<String, Schema> responses) {
        this.requests = Map.copyOf(requests);
        this.responses = Map.copyOf(responses);
    }

    /**
     * Reads and compiles the schema of every {@link OcppAction}'s request and response.
     *
     * @throws IllegalStateException if a schema is missing or does not compile
     */
    public static OcppSchemas load() {
        Map<String, String> requestTexts = new HashMap<>();
        Map<String, String> responseTexts = new HashMap<>();
        for (OcppAction action : OcppAction.values()) {
            requestTexts.put(action.name(), readResource(RESOURCE_DIRECTORY + action.name() + ".json"));
            responseTexts.put(action.name(),
                    readResource(RESOURCE_DIRECTORY + action.name() + RESPONSE_SUFFIX + ".json"));
        }
        return compile(requestTexts, responseTexts);
    }

    /** Compiles the given schema texts, keyed by action name (tests use it for schemas of their own). */
    static OcppSchemas compile(Map<String, String> requestTexts, Map<String, String> responseTexts) {
        SchemaRegistry registry = registry();
        Map<String, Schema> requests = new HashMap<>();
        Map<String, Schema> responses = new HashMap<>();
        requestTexts.forEach((action, text) -> requests.put(action, compile(registry, action, text)));
        responseTexts.forEach((action, text) ->
                responses.put(action, compile(registry, action + RESPONSE_SUFFIX, text)));
        return new OcppSchemas(requests, responses);
    }

    private static SchemaRegistry registry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .typeLoose(false)
                .build();
        // Draft-04 is both the default and what every schema declares in "$schema".
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(config));
    }

    private static Schema compile(SchemaRegistry registry, String name, String text) {
        try {
            Schema schema = registry.getSchema(text, InputFormat.JSON);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalStateException("OCPP schema " + name + " does not compile: " + e.getMessage(), e);
        }
    }

    private static String readResource(String path) {
        try (InputStream in = OcppSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("OCPP schema not on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read OCPP schema " + path, e);
        }
    }

    /** Whether {@code action} is an OCPP 1.6 action, sent by either side (case-sensitive). */
    public boolean knowsAction(String action) {
        return action != null && requests.containsKey(action);
    }

    /**
     * Validates the payload of a CALL of {@code action}.
     *
     * @return the violations, most fundamental first; empty if the payload conforms. An action this
     *         class does not know gives a single {@link OcppErrorCode#NotImplemented} violation.
     */
    public List<SchemaViolation> validateRequest(String action, JsonNode payload) {
        return validate(action == null ? null : requests.get(action), action, payload);
    }

    /**
     * Validates the payload of a CALLRESULT that answers a CALL of {@code action}.
     *
     * @return as {@link #validateRequest}
     */
    public List<SchemaViolation> validateResponse(String action, JsonNode payload) {
        return validate(action == null ? null : responses.get(action), action, payload);
    }

    private static List<SchemaViolation> validate(Schema schema, String action, JsonNode payload) {
        if (schema == null) {
            return List.of(new SchemaViolation(OcppErrorCode.NotImplemented, "",
                    "Unknown OCPP 1.6 action '" + action + "'"));
        }
        if (payload == null || !payload.isObject()) {
            return List.of(new SchemaViolation(OcppErrorCode.FormationViolation, "",
                    "Payload must be a JSON object, not " + describe(payload)));
        }
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<SchemaViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(toViolation(error));
        }
        violations.sort(Comparator.comparingInt(v -> severity(v.code())));
        return List.copyOf(violations);
    }

    private static SchemaViolation toViolation(Error error) {
        String keyword = Objects.requireNonNullElse(error.getKeyword(), "");
        String path = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        // "required" and "additionalProperties" report the object; name the property itself.
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            path = path + "/" + escapePointer(error.getProperty());
        }
        return new SchemaViolation(codeFor(keyword), path, messageOf(error, path));
    }

    /** The OCPP-J error code for a failed JSON-schema keyword. */
    static OcppErrorCode codeFor(String keyword) {
        return switch (keyword) {
            case "required", "minItems", "maxItems", "minProperties", "maxProperties" ->
                    OcppErrorCode.OccurenceConstraintViolation;
            case "type" -> OcppErrorCode.TypeConstraintViolation;
            case "enum", "const", "maxLength", "minLength", "pattern", "format", "minimum", "maximum",
                 "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems" ->
                    OcppErrorCode.PropertyConstraintViolation;
            default -> OcppErrorCode.FormationViolation; // additionalProperties, not, oneOf, false, ...
        };
    }

    private static int severity(OcppErrorCode code) {
        return switch (code) {
            case FormationViolation -> 0;
            case TypeConstraintViolation -> 1;
            case OccurenceConstraintViolation -> 2;
            case PropertyConstraintViolation -> 3;
            default -> 4;
        };
    }

    private static String messageOf(Error error, String path) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getKeyword() + " violated";
        }
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String escapePointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
