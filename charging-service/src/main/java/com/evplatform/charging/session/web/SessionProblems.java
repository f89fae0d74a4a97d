package com.evplatform.charging.session.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.evplatform.charging.session.application.SessionRefused;
import com.evplatform.service.support.web.Problems;

/**
 * A refused session request as the same RFC 9457 problem an ApiException of that status, code,
 * detail and properties gives (ahead of the catch-all of service-support's advice).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionProblems {

    @ExceptionHandler(SessionRefused.class)
    ResponseEntity<ProblemDetail> refused(SessionRefused e) {
        HttpStatus status = status(e.kind());
        ProblemDetail problem = Problems.of(status, e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(status);
        if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        return response.body(problem);
    }

    static HttpStatus status(SessionRefused.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYMENT_REQUIRED -> HttpStatus.PAYMENT_REQUIRED;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UPSTREAM_REFUSED -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
