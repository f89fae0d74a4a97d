package com.evplatform.reconciliation.runs.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

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

import com.evplatform.reconciliation.runs.application.Runs;
import com.evplatform.reconciliation.runs.model.Run;
import com.evplatform.service.support.refusal.Refusal;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Starting and reading reconciliation runs, and uploading payment statements. */
@RestController
@Validated
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
class RunsController {

    /** The largest statement accepted, in bytes (about 200,000 lines). */
    static final int MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

    record StartRun(@NotNull Instant from, @NotNull Instant to,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,16}") String operatorCode) {
    }

    private final Runs runs;

    RunsController(Runs runs) {
        this.runs = runs;
    }

    @PostMapping("/api/admin/reconciliation/runs")
    ResponseEntity<Map<String, String>> start(@AuthenticationPrincipal Jwt token, @Valid @RequestBody StartRun request) {
        Run run = runs.start(Views.caller(token), request.from(), request.to(), request.operatorCode());
        return accepted(run);
    }

    @PostMapping(path = "/api/admin/reconciliation/statements", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Map<String, String>> statement(@AuthenticationPrincipal Jwt token, InputStream body)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_STATEMENT_BYTES + 1);
        if (bytes.length > MAX_STATEMENT_BYTES) {
            throw new Refusal(Refusal.Kind.INVALID, "STATEMENT_TOO_LARGE",
                    "A statement is at most " + MAX_STATEMENT_BYTES / (1024 * 1024) + " MiB; split it by period");
        }
        Run run = runs.uploadStatement(Views.caller(token),
                new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        return accepted(run);
    }

    @GetMapping("/api/admin/reconciliation/runs")
    PageResponse<Views.RunListItem> list(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) Run.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        var found = runs.search(Views.caller(token), status, page, size);
        return new PageResponse<>(found.items().stream().map(Views::listItem).toList(), page, size, found.total());
    }

    @GetMapping("/api/admin/reconciliation/runs/{runId}")
    Views.RunView get(@AuthenticationPrincipal Jwt token, @PathVariable String runId) {
        return Views.run(runs.report(Views.caller(token), runId));
    }

    private static ResponseEntity<Map<String, String>> accepted(Run run) {
        return ResponseEntity.accepted().location(URI.create("/api/admin/reconciliation/runs/" + run.id()))
                .body(Map.of("runId", run.id()));
    }
}
