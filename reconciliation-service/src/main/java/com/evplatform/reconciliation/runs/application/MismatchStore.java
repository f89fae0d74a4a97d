package com.evplatform.reconciliation.runs.application;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import com.evplatform.reconciliation.runs.model.Mismatch;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.MismatchStatus;

/** Where mismatches, their links to runs and their audit trail are kept. */
public interface MismatchStore {

    Optional<Mismatch> byId(String mismatchId);

    /** Locks the mismatch for a resolution in the caller's transaction. */
    Optional<Mismatch> lock(String mismatchId);

    RunStore.Page<Mismatch> search(String runId, MismatchKind kind, MismatchStatus status, String operatorCode,
            int page, int size);

    /** Every mismatch a run found, in a stable order, streamed for a report. */
    void forEachOfRun(String runId, Consumer<Mismatch> each);

    /** Who did what to it, oldest first. */
    java.util.List<AuditEntry> history(String mismatchId);

    /** One line of a mismatch's audit trail. */
    record AuditEntry(String action, String actor, String note, Instant at) {
    }

    void resolve(String mismatchId, MismatchStatus status, Mismatch.Action action, String note, String actor,
            String adjustmentId, Instant at);

    /** How many mismatches of each kind are OPEN; a kind without one is left out. */
    java.util.Map<MismatchKind, Long> openByKind();
}
