-- Reconciliation's adjustments, one row per adjustment id: a repeat, however it arrives, finds
-- its row and changes nothing, even when the adjustment moved no money (and so has no ledger
-- entry to be recognised by). Amounts in the order's currency; wallet_amount is signed, what
-- went into (+) or came out of (-) the wallet, the rest having changed what is due.
CREATE TABLE order_adjustments (
    adjustment_id VARCHAR(100)   NOT NULL,
    order_id      CHAR(36)       NOT NULL,
    mismatch_id   VARCHAR(100)   NULL,
    kind          VARCHAR(40)    NULL,
    currency      CHAR(3)        NOT NULL,
    new_total     DECIMAL(19, 4) NOT NULL,
    difference    DECIMAL(19, 4) NOT NULL,
    wallet_amount DECIMAL(19, 4) NOT NULL,
    note          TEXT           NULL,
    requested_by  VARCHAR(100)   NULL,
    requested_at  DATETIME(3)    NULL,
    applied_at    DATETIME(3)    NOT NULL,
    CONSTRAINT pk_order_adjustments PRIMARY KEY (adjustment_id),
    INDEX ix_order_adjustments_order (order_id, applied_at)
);
