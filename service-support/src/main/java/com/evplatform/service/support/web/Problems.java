package com.evplatform.service.support.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Builds the platform's problem bodies: RFC 9457 plus {@code code} and {@code traceId}. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://docs.evplatform.example/problems/" + code.toLowerCase(Locale.ROOT)
                .replace('_', '-')));
        problem.setProperty("code", code);
        problem.setProperty("traceId", traceId());
        return problem;
    }

    /** The trace id of the current request (from the gateway's traceparent when present). */
    public static String traceId() {
        String fromMdc = MDC.get("traceId");
        return fromMdc != null ? fromMdc : UUID.randomUUID().toString().replace("-", "");
    }

    /** The problem as the flat JSON object RFC 9457 describes, for writers outside Spring MVC. */
    public static java.util.Map<String, Object> asJson(ProblemDetail problem) {
        var json = new java.util.LinkedHashMap<String, Object>();
        json.put("type", problem.getType().toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            json.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }

    /**
     * Writes the problem straight to a servlet response, for filters that answer before Spring
     * MVC (security, body limits).
     */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), asJson(of(status, code, detail)));
    }

    /** The default code for a status when nothing more specific is known. */
    public static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status.is5xxServerError() ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }
}
