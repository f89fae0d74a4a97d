package com.evplatform.device.registry.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.evplatform.device.registry.application.RegistryRefused;
import com.evplatform.service.support.web.Problems;

/**
 * A refused registry request as the same RFC 9457 problem an ApiException of that status, code
 * and detail gives (ahead of the catch-all of service-support's advice).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryProblems {

    @ExceptionHandler(RegistryRefused.class)
    ResponseEntity<ProblemDetail> refused(RegistryRefused e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return ResponseEntity.status(status).body(Problems.of(status, e.code(), e.getMessage()));
    }
}
