package com.evplatform.reconciliation.runs.model;

import java.time.Instant;

/**
 * A reconciliation run: the charger transactions and orders whose stop time is in
 * [{@code from}, {@code to}) (and optionally one operator's), or a payment statement compared
 * with the credits of its period.
 *
 * @param lateSince rows that changed since then and stopped before {@code from} are checked too:
 *        what arrived after the previous run looked at their window
 * @param total items to check, known once the run has scoped its data (0 before)
 */
public record Run(String id, Kind kind, Status status, Instant from, Instant to, String operatorCode,
        Instant lateSince, String startedBy, long total, long done, long matched, String failure,
        Instant createdAt, Instant finishedAt) {

    public enum Kind { WINDOW, STATEMENT }

    public enum Status { RUNNING, COMPLETED, FAILED }

    public static Run window(String id, Instant from, Instant to, String operatorCode, Instant lateSince,
            String startedBy, Instant now) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from is before to");
        }
        return new Run(id, Kind.WINDOW, Status.RUNNING, from, to, operatorCode, lateSince, startedBy, 0, 0, 0, null,
                now, null);
    }

    /** A statement run covers its earliest to its latest paidAt, both inclusive. */
    public static Run statement(String id, Instant firstPaidAt, Instant lastPaidAt, String startedBy, Instant now) {
        return new Run(id, Kind.STATEMENT, Status.RUNNING, firstPaidAt, lastPaidAt.plusMillis(1), null, null,
                startedBy, 0, 0, 0, null, now, null);
    }
}
