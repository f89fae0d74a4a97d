package com.evplatform.e2e.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The operations of one service's OpenAPI document: method, path template, parameters and the
 * JSON request body's schema, with {@code $ref}s resolved against the document's components.
 */
public final class ApiOperations {

    /** A parameter as the document declares it: where it goes, its name, its schema. */
    public record Parameter(String in, String name, boolean required, JsonNode schema) {

        public boolean inPath() {
            return "path".equals(in);
        }

        public boolean inQuery() {
            return "query".equals(in);
        }
    }

    /** One method + path of a service, and the (resolved) schema of its JSON body, or null. */
    public record Operation(String service, String method, String path, List<Parameter> parameters,
            JsonNode bodySchema, ApiOperations document) {

        public String name() {
            return method + " " + path;
        }

        public List<Parameter> pathParameters() {
            return parameters.stream().filter(Parameter::inPath).toList();
        }

        public List<Parameter> queryParameters() {
            return parameters.stream().filter(Parameter::inQuery).toList();
        }

        public boolean hasJsonBody() {
            return bodySchema != null;
        }

        public boolean isAdmin() {
            return path.startsWith("/api/admin/");
        }

        /** The schema with its {@code $ref} resolved (one level; call again for nested ones). */
        public JsonNode resolve(JsonNode schema) {
            return document.resolve(schema);
        }
    }

    private final String service;
    private final JsonNode document;

    public ApiOperations(String service, JsonNode document) {
        this.service = service;
        this.document = document;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    JsonNode resolved = resolve(parameter);
                    parameters.add(new Parameter(resolved.path("in").asString(), resolved.path("name").asString(),
                            resolved.path("required").asBoolean(false), resolve(resolved.path("schema"))));
                }
                JsonNode json = operation.path("requestBody").path("content").path("application/json");
                JsonNode bodySchema = json.isMissingNode() ? null : resolve(json.path("schema"));
                operations.add(new Operation(service, method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(), List.copyOf(parameters), bodySchema, this));
            }
        }
        return operations;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are supported: " + ref);
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }
}
