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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.application.EndingSessions;
import com.evplatform.charging.session.application.SessionQueries;
import com.evplatform.charging.session.application.SessionView;
import com.evplatform.charging.session.application.StoppingSessions;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Operators see, stop and force-complete their stations' sessions; an ADMIN all (API.md admin rows). */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
@Validated
class AdminSessionsController {

    /** @param meterStopWh the reading to bill on; absent: the last one the charger reported */
    record ForceCompleteRequest(@NotBlank @Size(max = 500) String reason, @PositiveOrZero Long meterStopWh) {
    }

    private final SessionQueries queries;
    private final StoppingSessions stopping;
    private final EndingSessions ending;

    AdminSessionsController(SessionQueries queries, StoppingSessions stopping, EndingSessions ending) {
        this.queries = queries;
        this.stopping = stopping;
        this.ending = ending;
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

    /** Ends a session whose charger never reported its stop: audited, billed once. */
    @PostMapping("/api/admin/sessions/{sessionId}/force-complete")
    SessionView forceComplete(@AuthenticationPrincipal Jwt token, @PathVariable String sessionId,
            @Valid @RequestBody ForceCompleteRequest request) {
        var actor = new EndingSessions.Actor(token.getSubject(), scope(token) == null ? "ADMIN" : "OPERATOR");
        return SessionView.of(ending.forceComplete(sessionId, visibleTo(token), actor, request.reason(),
                request.meterStopWh()));
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
