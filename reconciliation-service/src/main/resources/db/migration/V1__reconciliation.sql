-- reconciliation's own copy of what the chargers reported and what was billed and credited,
-- fed by device.events and order.events, and the runs that compare them. Money is
-- DECIMAL(19,4) plus its currency, held in code as Money; times are UTC.
-- changed_at (when the row last changed here) lets a run pick up rows that arrived late.

-- One row per charger transaction (device-service numbers them platform-wide).
CREATE TABLE charger_transactions (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    transaction_id  INT          NOT NULL,
    charge_point_id VARCHAR(36)  NOT NULL,
    connector_id    INT          NOT NULL,
    operator_code   VARCHAR(16)  NULL,
    id_tag          VARCHAR(20)  NULL,
    session_id      VARCHAR(36)  NULL,
    meter_start_wh  BIGINT       NOT NULL,
    meter_stop_wh   BIGINT       NULL,
    started_at      DATETIME(3)  NOT NULL,
    stopped_at      DATETIME(3)  NULL,
    stop_reason     VARCHAR(32)  NULL,
    changed_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_charger_transactions UNIQUE (transaction_id),
    INDEX ix_charger_transactions_stopped (stopped_at),
    INDEX ix_charger_transactions_changed (changed_at)
);

-- One row per order; settlements counts the settle events (SETTLED or UNPAID) received for it,
-- so a second debit of one order shows.
CREATE TABLE billed_orders (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    order_id        CHAR(36)       NOT NULL,
    session_id      VARCHAR(36)    NULL,
    user_id         VARCHAR(36)    NULL,
    operator_code   VARCHAR(16)    NULL,
    charge_point_id VARCHAR(36)    NULL,
    connector_id    INT            NULL,
    transaction_id  INT            NULL,
    status          VARCHAR(12)    NOT NULL,
    currency        CHAR(3)        NULL,
    total           DECIMAL(19, 4) NULL,
    paid            DECIMAL(19, 4) NOT NULL DEFAULT 0,
    refunded        DECIMAL(19, 4) NOT NULL DEFAULT 0,
    energy_wh       BIGINT         NULL,
    meter_start_wh  BIGINT         NULL,
    meter_stop_wh   BIGINT         NULL,
    started_at      DATETIME(3)    NULL,
    stopped_at      DATETIME(3)    NULL,
    tariff          TEXT           NULL,
    bill_lines      TEXT           NULL,
    settlements     INT            NOT NULL DEFAULT 0,
    changed_at      DATETIME(6)    NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_billed_orders UNIQUE (order_id),
    INDEX ix_billed_orders_transaction (transaction_id),
    INDEX ix_billed_orders_stopped (stopped_at),
    INDEX ix_billed_orders_changed (changed_at)
);

-- Money into wallets; top-ups carry the provider's payment id and when the provider took it.
CREATE TABLE wallet_credits (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    entry_id     CHAR(36)       NOT NULL,
    user_id      VARCHAR(36)    NOT NULL,
    type         VARCHAR(16)    NOT NULL,
    amount       DECIMAL(19, 4) NOT NULL,
    currency     CHAR(3)        NOT NULL,
    top_up_id    CHAR(36)       NULL,
    payment_id   VARCHAR(100)   NULL,
    reference    VARCHAR(100)   NULL,
    credited_at  DATETIME(3)    NOT NULL,
    paid_at      DATETIME(3)    NULL,
    changed_at   DATETIME(6)    NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_wallet_credits UNIQUE (entry_id),
    INDEX ix_wallet_credits_top_up (top_up_id),
    INDEX ix_wallet_credits_payment (payment_id),
    INDEX ix_wallet_credits_paid (paid_at)
);

-- A run: a window of stop times (and optionally one operator), or a payment statement.
-- daily_key makes the daily run start once however many instances run the schedule.
CREATE TABLE runs (
    id              CHAR(36)     NOT NULL,
    kind            VARCHAR(10)  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    window_from     DATETIME(3)  NOT NULL,
    window_to       DATETIME(3)  NOT NULL,
    operator_code   VARCHAR(16)  NULL,
    late_since      DATETIME(6)  NULL,
    started_by      VARCHAR(64)  NOT NULL,
    daily_key       VARCHAR(40)  NULL,
    total           BIGINT       NOT NULL DEFAULT 0,
    done            BIGINT       NOT NULL DEFAULT 0,
    matched         BIGINT       NOT NULL DEFAULT 0,
    failure         VARCHAR(500) NULL,
    created_at      DATETIME(6)  NOT NULL,
    heartbeat_at    DATETIME(6)  NOT NULL,
    finished_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_runs_daily UNIQUE (daily_key),
    INDEX ix_runs_created (created_at),
    INDEX ix_runs_status (status, created_at)
);

-- The lines of an uploaded payment statement, kept with the run that compares them.
CREATE TABLE statement_lines (
    run_id     CHAR(36)       NOT NULL,
    line_no    INT            NOT NULL,
    payment_id VARCHAR(100)   NOT NULL,
    top_up_id  VARCHAR(36)    NOT NULL,
    amount     DECIMAL(19, 4) NOT NULL,
    currency   CHAR(3)        NOT NULL,
    paid_at    DATETIME(3)    NOT NULL,
    PRIMARY KEY (run_id, line_no),
    INDEX ix_statement_lines_payment (run_id, payment_id),
    INDEX ix_statement_lines_top_up (run_id, top_up_id)
);

-- A difference, once per (kind, subject) whichever run finds it again: subject names what
-- it is about (tx:<transactionId>, order:<orderId>, payment:<paymentId>, top-up:<topUpId>).
CREATE TABLE mismatches (
    id                CHAR(36)       NOT NULL,
    kind              VARCHAR(24)    NOT NULL,
    subject           VARCHAR(120)   NOT NULL,
    status            VARCHAR(10)    NOT NULL,
    run_id            CHAR(36)       NOT NULL,
    last_run_id       CHAR(36)       NOT NULL,
    operator_code     VARCHAR(16)    NULL,
    charge_point_id   VARCHAR(36)    NULL,
    transaction_id    INT            NULL,
    session_id        VARCHAR(36)    NULL,
    order_id          CHAR(36)       NULL,
    payment_id        VARCHAR(100)   NULL,
    top_up_id         VARCHAR(36)    NULL,
    expected          VARCHAR(64)    NULL,
    actual            VARCHAR(64)    NULL,
    difference        VARCHAR(64)    NULL,
    amount_difference DECIMAL(19, 4) NULL,
    currency          CHAR(3)        NULL,
    adjust_to         DECIMAL(19, 4) NULL,
    detail            VARCHAR(300)   NOT NULL,
    resolution        VARCHAR(8)     NULL,
    note              VARCHAR(500)   NULL,
    resolved_at       DATETIME(6)    NULL,
    resolved_by       VARCHAR(64)    NULL,
    adjustment_id     CHAR(36)       NULL,
    found_at          DATETIME(6)    NOT NULL,
    updated_at        DATETIME(6)    NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_mismatches UNIQUE (kind, subject),
    INDEX ix_mismatches_subject (subject),
    INDEX ix_mismatches_status (status, found_at)
);

-- Which runs found which mismatches (a mismatch found again by a later run is linked again).
CREATE TABLE run_mismatches (
    run_id      CHAR(36) NOT NULL,
    mismatch_id CHAR(36) NOT NULL,
    PRIMARY KEY (run_id, mismatch_id),
    INDEX ix_run_mismatches_mismatch (mismatch_id)
);

-- Who did what to a mismatch, and when.
CREATE TABLE mismatch_audit (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    mismatch_id CHAR(36)     NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    note        VARCHAR(500) NULL,
    at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_mismatch_audit_mismatch (mismatch_id, at)
);
