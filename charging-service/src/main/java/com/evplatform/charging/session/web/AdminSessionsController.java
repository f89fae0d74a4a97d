package com.evplatform.charging.session.web;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.application.SessionQueries;
import com.evplatform.charging.session.application.SessionView;
import com.evplatform.charging.session.application.StoppingSessions;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operators see and stop their stations' sessions; an ADMIN all (API.md admin rows). */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
@Validated
class AdminSessionsController {

    private final SessionQueries queries;
    private final StoppingSessions stopping;

    AdminSessionsController(SessionQueries queries, StoppingSessions stopping) {
        this.queries = queries;
        this.stopping = stopping;
    }

    @GetMapping("/api/admin/sessions")
    PageResponse<SessionView> sessions(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String status, @RequestParam(required = false) String chargePointId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return SessionsController.page(queries.visible(scope(token), SessionsController.status(status),
                chargePointId, page, size), page, size);
    }

    @PostMapping("/api/admin/sessions/{sessionId}/stop")
    ResponseEntity<Void> stop(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId) {
        stopping.stop(sessionId, StopReason.OPERATOR, visibleTo(token));
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /**
     * The operator whose sessions the caller sees; null (all) for an admin. An operator's token
     * without an operator code sees nothing (no session has the empty code): scoping fails closed.
     */
    private static String scope(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        if (roles != null && roles.contains("ADMIN")) {
            return null;
        }
        String operatorCode = token.getClaimAsString("operatorCode");
        return operatorCode == null ? "" : operatorCode;
    }

    private static Predicate<ChargingSession> visibleTo(Jwt token) {
        String scope = scope(token);
        return session -> scope == null || scope.equals(session.operatorCode());
    }
}
