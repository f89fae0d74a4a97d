package com.evplatform.reconciliation.runs.model;

import java.time.Instant;

import com.evplatform.contract.Money;

/**
 * A stored difference and what became of it.
 *
 * @param runId the run that found it first
 * @param resolution ADJUST, ACCEPT, or DATA when a later run no longer found it
 * @param adjustTo the order total an ADJUST sets; null when the kind cannot be adjusted
 */
public record Mismatch(String id, MismatchKind kind, String subject, MismatchStatus status, String runId,
        Finding.Subject about, String expected, String actual, String difference, Money amountDifference,
        Money adjustTo, String detail, String resolution, String note, Instant resolvedAt, String resolvedBy,
        String adjustmentId, Instant foundAt) {

    public enum Action { ADJUST, ACCEPT }

    public boolean adjustable() {
        return adjustTo != null && about.orderId() != null;
    }
}
