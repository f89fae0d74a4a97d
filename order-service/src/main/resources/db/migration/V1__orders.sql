-- Orders, wallets and the ledger. Money is DECIMAL(19,4): exact, wide enough for every
-- currency's minor unit; the code holds it as Money at the currency's own scale.

-- One order per session that reached CHARGING: the unique session_id makes a second one impossible.
CREATE TABLE orders (
    id                 CHAR(36)       NOT NULL,
    session_id         VARCHAR(36)    NOT NULL,
    user_id            VARCHAR(36)    NOT NULL,
    status             VARCHAR(12)    NOT NULL,
    operator_code      VARCHAR(16)    NULL,
    connector_code     VARCHAR(48)    NOT NULL,
    charge_point_id    VARCHAR(36)    NOT NULL,
    connector_id       INT            NOT NULL,
    transaction_id     INT            NOT NULL,
    started_at         DATETIME(3)    NOT NULL,
    stopped_at         DATETIME(3)    NULL,
    meter_start_wh     BIGINT         NOT NULL,
    meter_stop_wh      BIGINT         NULL,
    energy_wh          BIGINT         NOT NULL DEFAULT 0,
    currency           CHAR(3)        NOT NULL,
    electricity_amount DECIMAL(19, 4) NOT NULL DEFAULT 0,
    service_amount     DECIMAL(19, 4) NOT NULL DEFAULT 0,
    total_amount       DECIMAL(19, 4) NOT NULL DEFAULT 0,
    paid_amount        DECIMAL(19, 4) NOT NULL DEFAULT 0,
    amount_due         DECIMAL(19, 4) NOT NULL DEFAULT 0,
    refunded_amount    DECIMAL(19, 4) NOT NULL DEFAULT 0,
    tariff             TEXT           NOT NULL,
    bill_lines         TEXT           NULL,
    stop_reason        VARCHAR(12)    NULL,
    opened_at          DATETIME(3)    NOT NULL,
    priced_at          DATETIME(3)    NULL,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT uk_orders_session UNIQUE (session_id),
    INDEX ix_orders_user (user_id, opened_at),
    INDEX ix_orders_user_status (user_id, status, opened_at),
    INDEX ix_orders_operator (operator_code, stopped_at),
    INDEX ix_orders_status (status, stopped_at)
);

-- balance is kept equal to the sum of the wallet's ledger, in the same transaction as each entry.
CREATE TABLE wallets (
    user_id    VARCHAR(36)    NOT NULL,
    currency   CHAR(3)        NOT NULL,
    balance    DECIMAL(19, 4) NOT NULL,
    updated_at DATETIME(3)    NOT NULL,
    CONSTRAINT pk_wallets PRIMARY KEY (user_id),
    CONSTRAINT ck_wallets_not_negative CHECK (balance >= 0)
);

-- Every change to a wallet, once: entry_key is what makes it unique (order id + entry type,
-- top-up id, credit reference, refund reference, adjustment id).
CREATE TABLE ledger_entries (
    id            CHAR(36)       NOT NULL,
    user_id       VARCHAR(36)    NOT NULL,
    entry_key     VARCHAR(160)   NOT NULL,
    type          VARCHAR(16)    NOT NULL,
    amount        DECIMAL(19, 4) NOT NULL,
    balance_after DECIMAL(19, 4) NOT NULL,
    currency      CHAR(3)        NOT NULL,
    order_id      CHAR(36)       NULL,
    top_up_id     CHAR(36)       NULL,
    reference     VARCHAR(100)   NULL,
    created_at    DATETIME(3)    NOT NULL,
    CONSTRAINT pk_ledger_entries PRIMARY KEY (id),
    CONSTRAINT uk_ledger_entries_key UNIQUE (entry_key),
    INDEX ix_ledger_user (user_id, created_at, id),
    INDEX ix_ledger_order (order_id)
);

CREATE TABLE top_ups (
    id         CHAR(36)       NOT NULL,
    user_id    VARCHAR(36)    NOT NULL,
    amount     DECIMAL(19, 4) NOT NULL,
    currency   CHAR(3)        NOT NULL,
    status     VARCHAR(10)    NOT NULL,
    payment_id VARCHAR(100)   NULL,
    created_at DATETIME(3)    NOT NULL,
    updated_at DATETIME(3)    NOT NULL,
    CONSTRAINT pk_top_ups PRIMARY KEY (id),
    CONSTRAINT uk_top_ups_payment UNIQUE (payment_id),
    INDEX ix_top_ups_user (user_id, created_at)
);

-- Each provider event and payment is applied once, whatever the provider resends.
CREATE TABLE payment_events (
    event_id    VARCHAR(100) NOT NULL,
    payment_id  VARCHAR(100) NOT NULL,
    top_up_id   CHAR(36)     NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    occurred_at DATETIME(3)  NULL,
    received_at DATETIME(3)  NOT NULL,
    CONSTRAINT pk_payment_events PRIMARY KEY (event_id),
    INDEX ix_payment_events_payment (payment_id)
);

CREATE TABLE refunds (
    reference  VARCHAR(100)   NOT NULL,
    order_id   CHAR(36)       NOT NULL,
    amount     DECIMAL(19, 4) NOT NULL,
    reason     VARCHAR(300)   NOT NULL,
    created_by VARCHAR(36)    NOT NULL,
    created_at DATETIME(3)    NOT NULL,
    CONSTRAINT pk_refunds PRIMARY KEY (reference),
    INDEX ix_refunds_order (order_id)
);
