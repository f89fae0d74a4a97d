package com.evplatform.simulator;

import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a WebSocket could not be opened: refused by the central system with an HTTP status (and maybe a
 * {@code Retry-After}), timed out, or another failure (connection refused, reset, ...).
 *
 * @param reason a short description for logs and statistics
 * @param status the HTTP status of a refused handshake, 0 when there was no answer
 * @param retryAfter how long the central system asked the charge point to wait, from its {@code Retry-After}
 * @param timedOut whether the connect timeout passed before the handshake was answered
 */
record ConnectFailure(String reason, int status, Optional<Duration> retryAfter, boolean timedOut) {

    /** What a failed {@code buildAsync} says, reading a refused handshake's status and {@code Retry-After}. */
    static ConnectFailure of(Throwable failure, Instant now) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String reason = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        if (cause instanceof WebSocketHandshakeException refused && refused.getResponse() != null) {
            int status = refused.getResponse().statusCode();
            Optional<Duration> retryAfter = refused.getResponse().headers().firstValue("Retry-After")
                    .flatMap(value -> retryAfter(value, now));
            return new ConnectFailure("handshake refused: HTTP " + status, status, retryAfter, false);
        }
        boolean timedOut = cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException;
        return new ConnectFailure(reason, 0, Optional.empty(), timedOut);
    }

    /**
     * A {@code Retry-After} value (RFC 9110 10.2.3): delay-seconds or an HTTP date; empty when it is neither.
     * A date in the past means no wait.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
