package com.evplatform.order.billing.model;

/** CHARGING -> SETTLED or UNPAID; UNPAID -> SETTLED (paid by a top-up) or OVERDUE; refunds make ADJUSTED. */
public enum OrderStatus {
    CHARGING, SETTLED, UNPAID, OVERDUE, ADJUSTED;

    public boolean owing() {
        return this == UNPAID || this == OVERDUE;
    }
}
