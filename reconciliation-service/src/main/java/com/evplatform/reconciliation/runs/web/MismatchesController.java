package com.evplatform.reconciliation.runs.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

import com.evplatform.reconciliation.runs.application.MismatchStore;
import com.evplatform.reconciliation.runs.application.Mismatches;
import com.evplatform.reconciliation.runs.model.Mismatch;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.MismatchStatus;
import com.evplatform.service.support.refusal.Refusal;
import com.evplatform.service.support.web.PageResponse;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Mismatches: listing, resolving, and each run's CSV report. */
@RestController
@Validated
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
class MismatchesController {

    record Resolve(@NotNull Mismatch.Action action, @Size(max = 500) String note) {
    }

    static final String[] REPORT_COLUMNS = {"mismatchId", "kind", "status", "operatorCode", "chargePointId",
        "transactionId", "sessionId", "orderId", "paymentId", "topUpId", "expected", "actual", "difference", "detail",
        "resolution", "note", "resolvedAt", "resolvedBy"};

    private final Mismatches mismatches;

    MismatchesController(Mismatches mismatches) {
        this.mismatches = mismatches;
    }

    @GetMapping("/api/admin/reconciliation/mismatches")
    PageResponse<Views.MismatchView> list(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String runId, @RequestParam(required = false) MismatchKind kind,
            @RequestParam(required = false) MismatchStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        var found = mismatches.search(Views.caller(token), runId, kind, status, page, size);
        return new PageResponse<>(found.items().stream().map(Views::mismatch).toList(), page, size, found.total());
    }

    @GetMapping("/api/admin/reconciliation/mismatches/{mismatchId}")
    Views.MismatchView get(@AuthenticationPrincipal Jwt token, @PathVariable String mismatchId) {
        return Views.mismatch(mismatches.get(Views.caller(token), mismatchId));
    }

    @GetMapping("/api/admin/reconciliation/mismatches/{mismatchId}/history")
    java.util.List<MismatchStore.AuditEntry> history(@AuthenticationPrincipal Jwt token,
            @PathVariable String mismatchId) {
        return mismatches.history(Views.caller(token), mismatchId);
    }

    @PostMapping("/api/admin/reconciliation/mismatches/{mismatchId}/resolve")
    ResponseEntity<Views.MismatchView> resolve(@AuthenticationPrincipal Jwt token, @PathVariable String mismatchId,
            @Valid @RequestBody Resolve request) {
        String note = request.note() == null ? null : request.note().strip();
        if (request.action() == Mismatch.Action.ACCEPT && (note == null || note.isEmpty())) {
            throw Refusal.invalid("note", "is required to accept a mismatch");
        }
        Mismatch resolved = mismatches.resolve(Views.caller(token), mismatchId, request.action(), note);
        return ResponseEntity.accepted().body(Views.mismatch(resolved));
    }

    @GetMapping(path = "/api/admin/reconciliation/runs/{runId}/report.csv", produces = "text/csv")
    void report(@AuthenticationPrincipal Jwt token, @PathVariable String runId, HttpServletResponse response)
            throws IOException {
        var caller = Views.caller(token);
        // Visibility first, so a refused request gets its problem, not a half-written CSV.
        mismatches.search(caller, runId, null, null, 0, 1);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"reconciliation-" + runId + ".csv\"");
        try (CSVPrinter csv = new CSVPrinter(response.getWriter(),
                CSVFormat.RFC4180.builder().setHeader(REPORT_COLUMNS).get())) {
            mismatches.report(caller, runId, m -> {
                var about = m.about();
                try {
                    csv.printRecord(m.id(), m.kind(), m.status(), text(about.operatorCode()),
                            text(about.chargePointId()), about.transactionId(), text(about.sessionId()),
                            about.orderId(), text(about.paymentId()), text(about.topUpId()), m.expected(), m.actual(),
                            m.difference(), text(m.detail()), m.resolution(), text(m.note()), m.resolvedAt(),
                            text(m.resolvedBy()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Text someone typed, made safe for spreadsheets: a leading = + - @ is not read as a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
    }
}
