package com.evplatform.order.billing.application;

import java.time.Instant;

import com.evplatform.order.billing.model.Order;
import com.evplatform.reconciliation.contract.ReconciliationEvent;

/** Port: reconciliation's adjustments applied, each once by its adjustment id. */
public interface Adjustments {

    /** @return false when the adjustment was applied before (nothing written) */
    boolean insert(ReconciliationEvent.AdjustmentRequested request, Order.Adjusted outcome, Instant now);
}
