package com.evplatform.reconciliation.runs.model;

/** The differences a run looks for, as API.md names them. */
public enum MismatchKind {
    /** A charger transaction with energy and no order. */
    MISSING_ORDER,
    /** An order with no charger transaction. */
    ORPHAN_ORDER,
    /** The order's energy differs from the charger's meterStop - meterStart. */
    ENERGY_MISMATCH,
    /** The order's total differs from the price recomputed from its tariff snapshot and energy. */
    AMOUNT_MISMATCH,
    /** A second order for one transaction, or an order debited more than once. */
    DUPLICATE,
    /** The provider's statement has a payment that was never credited. */
    PAYMENT_MISSING,
    /** A credited top-up the statement does not have. */
    PAYMENT_UNKNOWN,
    /** The statement and the credit disagree on the amount. */
    PAYMENT_AMOUNT_MISMATCH
}
