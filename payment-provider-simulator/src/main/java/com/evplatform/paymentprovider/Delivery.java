package com.evplatform.paymentprovider;

import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * One HTTP request of the payment webhook and its answer: what was meant ({@link #event}), how it was sent
 * ({@link #corruption}, the exact {@link #requestBody} and {@link #signatureHeader}) and what came back.
 *
 * @param event               the event that was signed: for a changed amount or currency the changed one, for a
 *                            tampered body the genuine one (the body sent differs from it)
 * @param corruption          {@link Corruption#NONE} for a genuine delivery
 * @param requestBody         the body sent, byte for byte (UTF-8)
 * @param signatureHeader     the {@code Payment-Signature} value sent, {@code null} when none was
 * @param status              the HTTP status of the answer
 * @param responseContentType the answer's {@code Content-Type}, {@code ""} without one
 * @param responseBody        the answer's body, {@code ""} when empty
 * @param elapsed             from the call (delay included) until the answer had arrived
 */
public record Delivery(PaymentEvent event, Corruption corruption, String requestBody, String signatureHeader,
        int status, String responseContentType, String responseBody, Duration elapsed) {

    public boolean isSuccess() {
        return status / 100 == 2;
    }

    /** Whether the answer is what this delivery calls for: 2xx when genuine, 4xx when corrupt. */
    public boolean answeredAsExpected() {
        return corruption.isExpected(status);
    }

    /** The {@code code} of a JSON (problem) answer, if it has one. */
    public Optional<String> code() {
        try {
            JsonNode code = Json.read(responseBody).get("code");
            return code != null && code.isString() ? Optional.of(code.asString()) : Optional.empty();
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /** One line: status, content type and body. */
    public String summary() {
        String type = responseContentType.isEmpty() ? "" : " " + responseContentType;
        String body = responseBody.isEmpty() ? " (empty body)" : " " + responseBody;
        return status + type + body;
    }
}
