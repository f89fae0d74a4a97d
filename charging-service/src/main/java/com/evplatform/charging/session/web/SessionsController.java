package com.evplatform.charging.session.web;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.application.SessionJournal;
import com.evplatform.charging.session.application.SessionQueries;
import com.evplatform.charging.session.application.SessionView;
import com.evplatform.charging.session.application.StartingSessions;
import com.evplatform.charging.session.application.StoppingSessions;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;
import com.evplatform.service.support.web.ApiException;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** A driver's sessions (API.md "Charging sessions"): only the caller's own, another's is 404. */
@RestController
@Validated
class SessionsController {

    record StartRequest(@NotBlank @Size(max = 40) String connectorCode) {
    }

    record Started(String sessionId, String status) {
    }

    private final StartingSessions starting;
    private final StoppingSessions stopping;
    private final SessionQueries queries;
    private final SessionStream stream;

    SessionsController(StartingSessions starting, StoppingSessions stopping, SessionQueries queries,
            SessionStream stream) {
        this.starting = starting;
        this.stopping = stopping;
        this.queries = queries;
        this.stream = stream;
    }

    @PostMapping("/api/charging/sessions")
    @PreAuthorize("hasRole('DRIVER')")
    ResponseEntity<Started> start(@AuthenticationPrincipal Jwt token, @Valid @RequestBody StartRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Size(max = 100) @Pattern(regexp = "[\\x21-\\x7E]+", message = "printable ASCII") String idempotencyKey) {
        ChargingSession session;
        try {
            session = starting.start(token.getSubject(), token.getTokenValue(), request.connectorCode(),
                    idempotencyKey);
        } catch (StartingSessions.AlreadyStarted e) {
            session = e.session();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(session.id(), session.status().name()));
    }

    @GetMapping("/api/charging/sessions/{sessionId}")
    JsonNode session(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId) {
        return queries.view(sessionId, own(token));
    }

    @GetMapping(value = "/api/charging/sessions/{sessionId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId) {
        queries.view(sessionId, own(token));
        return stream.follow(sessionId, token.getSubject());
    }

    @PostMapping("/api/charging/sessions/{sessionId}/stop")
    ResponseEntity<Started> stop(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId) {
        ChargingSession session = stopping.stop(sessionId, StopReason.USER, own(token));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(session.id(), session.status().name()));
    }

    @GetMapping("/api/charging/sessions")
    PageResponse<SessionView> mine(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Page<ChargingSession> found = queries.ofUser(token.getSubject(), status(status), page, size);
        return page(found, page, size);
    }

    static PageResponse<SessionView> page(Page<ChargingSession> found, int page, int size) {
        List<SessionView> items = found.getContent().stream()
                .map(session -> SessionView.of(session)).toList();
        return new PageResponse<>(items, page, size, found.getTotalElements());
    }

    static SessionStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SessionStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Unknown status " + text)
                    .with("errors", List.of(java.util.Map.of("field", "status",
                            "message", "one of " + List.of(SessionStatus.values()))));
        }
    }

    private static Predicate<ChargingSession> own(Jwt token) {
        return session -> session.userId().equals(token.getSubject());
    }
}
