package com.evplatform.e2e.surface;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.evplatform.e2e.surface.ApiOperations.Operation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies built from an operation's schema: a valid one (every required property, plus
 * the optional ones a realistic value is known for), and from it the broken ones, each
 * breaking one property: a value of the wrong JSON type, or one past the schema's limits.
 */
public final class Bodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Past every limit a request body has: the gateway accepts 1 MB. */
    public static final int OVERSIZED_BYTES = 2 * 1024 * 1024;
    /** A string far longer than any field of the API needs, when the schema names no maximum. */
    private static final int LONG_STRING = 100_000;

    /** A broken body and what was broken, for the test's name. */
    public record Mutation(String description, JsonNode body) {
    }

    private final Function<String, Object> known;

    /**
     * @param known a realistic value for a property or parameter name (an id of the test's own
     *     resources, an operator code), or null when the schema alone decides
     */
    public Bodies(Function<String, Object> known) {
        this.known = known;
    }

    public JsonNode valid(Operation operation) {
        return value(operation, "", operation.bodySchema());
    }

    /** The valid body with one top-level property at a time given a value of another JSON type. */
    public List<Mutation> wrongTypes(Operation operation) {
        return mutations(operation, (name, schema) -> switch (type(schema)) {
            case "string" -> NODES.objectNode().put("not", "a string");
            case "integer", "number" -> NODES.stringNode("not-a-number");
            case "boolean" -> NODES.stringNode("not-a-boolean");
            case "array" -> NODES.stringNode("not-an-array");
            default -> NODES.stringNode("not-an-object");
        }, "of the wrong type");
    }

    /** The valid body with one top-level property at a time past any sensible limit. */
    public List<Mutation> outOfRange(Operation operation) {
        return mutations(operation, (name, schema) -> switch (type(schema)) {
            case "string" -> NODES.stringNode("x".repeat(schema.has("maxLength")
                    ? schema.path("maxLength").asInt() + 1 : LONG_STRING));
            case "integer" -> NODES.numberNode(new BigDecimal("1e30").toBigInteger());
            case "number" -> NODES.numberNode(new BigDecimal("1e400"));
            case "array" -> {
                ArrayNode many = NODES.arrayNode();
                JsonNode item = value(operation, name, schema.path("items"));
                for (int i = 0; i < 1000; i++) {
                    many.add(item);
                }
                yield many;
            }
            default -> null;
        }, "out of range");
    }

    /** The valid body padded with an unknown property to {@link #OVERSIZED_BYTES}. */
    public ObjectNode oversized(Operation operation) {
        JsonNode valid = valid(operation);
        ObjectNode padded = valid.isObject() ? ((ObjectNode) valid).deepCopy() : NODES.objectNode();
        padded.put("padding", "x".repeat(OVERSIZED_BYTES));
        return padded;
    }

    private interface Breaker {
        JsonNode broken(String name, JsonNode schema);
    }

    private List<Mutation> mutations(Operation operation, Breaker breaker, String what) {
        JsonNode schema = operation.resolve(operation.bodySchema());
        List<Mutation> mutations = new ArrayList<>();
        if (!schema.path("properties").isObject()) {
            return mutations;
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode propertySchema = operation.resolve(property.getValue());
            JsonNode broken = breaker.broken(property.getKey(), propertySchema);
            if (broken == null) {
                continue;
            }
            ObjectNode body = ((ObjectNode) valid(operation)).deepCopy();
            body.set(property.getKey(), broken);
            mutations.add(new Mutation(property.getKey() + " " + what, body));
        }
        return mutations;
    }

    JsonNode value(Operation operation, String name, JsonNode declared) {
        Object realistic = name.isEmpty() ? null : known.apply(name);
        if (realistic != null) {
            return toNode(realistic);
        }
        JsonNode schema = operation.resolve(declared);
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(field -> required.add(field.asString()));
                // A schema that names no required property does not say which are: then send them all.
                boolean all = required.isEmpty();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    if (all || required.contains(property.getKey()) || known.apply(property.getKey()) != null) {
                        object.set(property.getKey(), value(operation, property.getKey(), property.getValue()));
                    }
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(value(operation, name, schema.path("items")));
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(new BigDecimal("1.00"));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(text(schema));
        };
    }

    /** A string the schema accepts when no realistic value is known: an enum's first, a time, a literal pattern. */
    private static String text(JsonNode schema) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asString();
        }
        if ("date-time".equals(schema.path("format").asString(""))) {
            return Instant.now().minus(Duration.ofHours(1)).toString();
        }
        String pattern = schema.path("pattern").asString("");
        if (pattern.matches("[A-Za-z]+")) {
            return pattern;
        }
        int minimum = schema.path("minLength").asInt(0);
        String text = "surface";
        return text.length() >= minimum ? text : text + "-".repeat(minimum - text.length());
    }

    static String type(JsonNode schema) {
        String type = schema.path("type").asString("");
        if (type.isEmpty() && schema.has("properties")) {
            return "object";
        }
        return type;
    }

    private static JsonNode toNode(Object value) {
        return switch (value) {
            case JsonNode node -> node;
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case BigDecimal number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            default -> NODES.stringNode(value.toString());
        };
    }
}
