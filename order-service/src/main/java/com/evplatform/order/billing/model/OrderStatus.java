package com.evplatform.order.billing.model;

/**
 * CHARGING -> SETTLED or UNPAID; UNPAID -> SETTLED (paid by a top-up) or OVERDUE; refunds and
 * reconciliation's adjustments make any priced order ADJUSTED, which may still have an amount due.
 */
public enum OrderStatus {
    CHARGING, SETTLED, UNPAID, OVERDUE, ADJUSTED;

    public boolean owing() {
        return this == UNPAID || this == OVERDUE;
    }
}
