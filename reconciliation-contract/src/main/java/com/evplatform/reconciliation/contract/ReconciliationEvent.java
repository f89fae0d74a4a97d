package com.evplatform.reconciliation.contract;

import java.time.Instant;

import com.evplatform.contract.Money;

/**
 * What reconciliation-service publishes on {@link ReconciliationEvents#EXCHANGE}, partitioned by
 * the order it is about. Amounts are exact {@link Money}.
 */
public sealed interface ReconciliationEvent {

    /** The order the event is about; its partition key is {@link ReconciliationEvents#orderAggregate}. */
    String orderId();

    /**
     * An operator resolved a mismatch with ADJUST: the order's total becomes expectedTotal.
     *
     * @param adjustmentId applied at most once by order-service, whatever is resent
     * @param kind the mismatch kind, e.g. {@code AMOUNT_MISMATCH}
     * @param expectedTotal the order's total from now on, in the order's currency
     * @param requestedBy the user id of the operator or admin who resolved the mismatch
     */
    record AdjustmentRequested(String adjustmentId, String mismatchId, String orderId, String kind,
            Money expectedTotal, String note, String requestedBy, Instant at) implements ReconciliationEvent {
    }
}
