package com.evplatform.reconciliation.runs.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;

import com.evplatform.contract.Money;
import com.evplatform.reconciliation.runs.application.Caller;
import com.evplatform.reconciliation.runs.application.Runs;
import com.evplatform.reconciliation.runs.model.Mismatch;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.Run;

/** The JSON shapes of API.md's reconciliation section. */
final class Views {

    record Progress(long done, long total) {
    }

    record Summary(long checked, long matched, Map<MismatchKind, Long> mismatches, List<Money> amountDifference) {
    }

    record RunView(String runId, String kind, String status, Instant from, Instant to, String operatorCode,
            String startedBy, Instant createdAt, Instant finishedAt, String failure, Progress progress,
            Summary summary) {
    }

    record RunListItem(String runId, String kind, String status, Instant from, Instant to, String operatorCode,
            String startedBy, Instant createdAt, Instant finishedAt, Progress progress) {
    }

    record MismatchView(String mismatchId, String runId, MismatchKind kind, String status, String operatorCode,
            String chargePointId, Integer transactionId, String sessionId, String orderId, String paymentId,
            String topUpId, String expected, String actual, String difference, Money amountDifference,
            Money adjustTo, String detail, String resolution, String note, Instant resolvedAt, String resolvedBy,
            String adjustmentId, Instant foundAt) {
    }

    private Views() {
    }

    static RunView run(Runs.RunReport report) {
        Run run = report.run();
        return new RunView(run.id(), run.kind().name(), run.status().name(), run.from(), run.to(),
                run.operatorCode(), run.startedBy(), run.createdAt(), run.finishedAt(), run.failure(),
                new Progress(run.done(), run.total()),
                new Summary(run.done(), run.matched(), report.mismatches(), report.amountDifference()));
    }

    static RunListItem listItem(Run run) {
        return new RunListItem(run.id(), run.kind().name(), run.status().name(), run.from(), run.to(),
                run.operatorCode(), run.startedBy(), run.createdAt(), run.finishedAt(),
                new Progress(run.done(), run.total()));
    }

    static MismatchView mismatch(Mismatch m) {
        var about = m.about();
        return new MismatchView(m.id(), m.runId(), m.kind(), m.status().name(), about.operatorCode(),
                about.chargePointId(), about.transactionId(), about.sessionId(), about.orderId(), about.paymentId(),
                about.topUpId(), m.expected(), m.actual(), m.difference(), m.amountDifference(), m.adjustTo(),
                m.detail(), m.resolution(), m.note(), m.resolvedAt(), m.resolvedBy(), m.adjustmentId(), m.foundAt());
    }

    static Caller caller(Jwt token) {
        var roles = token.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains("ADMIN");
        return new Caller(token.getSubject(), admin, token.getClaimAsString("operatorCode"));
    }
}
