package com.evplatform.order.billing.model;

/** Why a wallet's balance changed; credits are positive amounts, debits negative. */
public enum EntryType {
    /** A top-up the payment provider collected. */
    TOP_UP,
    /** An order paid from the wallet when it was priced. */
    SETTLEMENT,
    /** An unpaid order paid (in part) from a later top-up. */
    PAYMENT,
    /** Money an admin put into the wallet. */
    CREDIT,
    /** Money paid for an order given back. */
    REFUND,
    /** A reconciliation adjustment. */
    ADJUSTMENT
}
