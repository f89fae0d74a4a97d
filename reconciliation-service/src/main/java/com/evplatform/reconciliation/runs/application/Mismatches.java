package com.evplatform.reconciliation.runs.application;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.reconciliation.contract.ReconciliationEvent;
import com.evplatform.reconciliation.contract.ReconciliationEvents;
import com.evplatform.reconciliation.runs.model.Mismatch;
import com.evplatform.reconciliation.runs.model.MismatchKind;
import com.evplatform.reconciliation.runs.model.MismatchStatus;
import com.evplatform.service.support.refusal.Refusal;

/**
 * Reading mismatches and resolving them. ACCEPT records that the difference stands, with a
 * note; ADJUST asks order-service, through the outbox in the same transaction, to set the
 * order's total to what it should have been (it applies each adjustment once). A repeat of
 * the same resolution changes nothing; every resolution is audited.
 */
@Service
public class Mismatches {

    private static final Logger log = LoggerFactory.getLogger(Mismatches.class);

    private final MismatchStore mismatches;
    private final Runs runs;
    private final Outbox outbox;
    private final Clock clock;

    public Mismatches(MismatchStore mismatches, Runs runs, Outbox outbox, Clock clock) {
        this.mismatches = mismatches;
        this.runs = runs;
        this.outbox = outbox;
        this.clock = clock;
    }

    public RunStore.Page<Mismatch> search(Caller caller, String runId, MismatchKind kind, MismatchStatus status,
            int page, int size) {
        if (runId != null) {
            runs.visible(caller, runId);
        }
        return mismatches.search(runId, kind, status, caller.scope(), page, size);
    }

    public Mismatch get(Caller caller, String mismatchId) {
        return mismatches.byId(mismatchId).filter(m -> caller.sees(m.about().operatorCode()))
                .orElseThrow(() -> notFound(mismatchId));
    }

    public java.util.List<MismatchStore.AuditEntry> history(Caller caller, String mismatchId) {
        return mismatches.history(get(caller, mismatchId).id());
    }

    /** The mismatches of a run, for its CSV report. */
    public void report(Caller caller, String runId, Consumer<Mismatch> each) {
        runs.visible(caller, runId);
        mismatches.forEachOfRun(runId, each);
    }

    /**
     * @return the mismatch as it is now
     * @throws Refusal 404 MISMATCH_NOT_FOUND; 409 NOT_ADJUSTABLE (the kind has no order total to
     *         correct); 409 MISMATCH_ALREADY_RESOLVED (resolved another way)
     */
    @Transactional
    public Mismatch resolve(Caller caller, String mismatchId, Mismatch.Action action, String note) {
        Mismatch mismatch = mismatches.lock(mismatchId).filter(m -> caller.sees(m.about().operatorCode()))
                .orElseThrow(() -> notFound(mismatchId));
        if (mismatch.status() != MismatchStatus.OPEN) {
            if (action.name().equals(mismatch.resolution())) {
                return mismatch; // the same resolution again: already done
            }
            throw Refusal.conflict("MISMATCH_ALREADY_RESOLVED", "Mismatch " + mismatchId + " is "
                    + mismatch.status() + (mismatch.resolution() == null ? "" : " (" + mismatch.resolution() + ")"));
        }
        Instant now = clock.instant();
        if (action == Mismatch.Action.ACCEPT) {
            mismatches.resolve(mismatchId, MismatchStatus.ACCEPTED, action, note, caller.userId(), null, now);
        } else {
            if (!mismatch.adjustable()) {
                throw Refusal.conflict("NOT_ADJUSTABLE", "A " + mismatch.kind()
                        + " has no order total to correct; accept it with a note instead");
            }
            String adjustmentId = UUID.randomUUID().toString();
            var request = new ReconciliationEvent.AdjustmentRequested(adjustmentId, mismatchId,
                    mismatch.about().orderId(), mismatch.kind().name(), mismatch.adjustTo(), note, caller.userId(),
                    now);
            outbox.publish(OutgoingMessage.to(ReconciliationEvents.EXCHANGE)
                    .aggregate(ReconciliationEvents.orderAggregate(request.orderId()))
                    .message(ReconciliationEvents.ADJUSTMENT_REQUESTED, request));
            mismatches.resolve(mismatchId, MismatchStatus.RESOLVED, action, note, caller.userId(), adjustmentId, now);
            log.info("Mismatch {} ({}) adjusted by {}: order {} to {} (adjustment {})", mismatchId, mismatch.kind(),
                    caller.userId(), request.orderId(), request.expectedTotal(), adjustmentId);
        }
        return mismatches.byId(mismatchId).orElseThrow();
    }

    private static Refusal notFound(String mismatchId) {
        return Refusal.notFound("MISMATCH_NOT_FOUND", "No mismatch " + mismatchId);
    }
}
