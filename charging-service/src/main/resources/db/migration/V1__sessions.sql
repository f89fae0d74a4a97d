-- Charging sessions. One active session per driver and per connector is enforced here, not
-- only in code: active_user_id / active_connector_code hold the value while the session is
-- STARTING, CHARGING or STOPPING and are NULL once it ended (unique keys ignore NULLs).
CREATE TABLE charging_sessions (
    id                    CHAR(36)       NOT NULL,
    user_id               VARCHAR(36)    NOT NULL,
    operator_code         CHAR(9)        NOT NULL,
    status                VARCHAR(12)    NOT NULL,
    connector_code        VARCHAR(40)    NOT NULL,
    charge_point_id       VARCHAR(36)    NOT NULL,
    connector_id          INT            NOT NULL,
    id_tag                VARCHAR(20)    NOT NULL,
    idempotency_key       VARCHAR(100)   NULL,
    active_user_id        VARCHAR(36)    NULL,
    active_connector_code VARCHAR(40)    NULL,
    tariff                TEXT           NOT NULL,
    requested_at          DATETIME(3)    NOT NULL,
    started_at            DATETIME(3)    NULL,
    stop_requested_at     DATETIME(3)    NULL,
    stopped_at            DATETIME(3)    NULL,
    transaction_id        INT            NULL,
    meter_start_wh        BIGINT         NULL,
    meter_last_wh         BIGINT         NULL,
    meter_stop_wh         BIGINT         NULL,
    energy_wh             BIGINT         NOT NULL DEFAULT 0,
    power_w               BIGINT         NULL,
    soc                   INT            NULL,
    cost_so_far           DECIMAL(12, 2) NULL,
    stop_requested_by     VARCHAR(10)    NULL,
    stop_reason           VARCHAR(12)    NULL,
    failure_reason        VARCHAR(20)    NULL,
    stop_overdue          BOOLEAN        NOT NULL DEFAULT FALSE,
    version               BIGINT         NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sessions_id_tag (id_tag),
    UNIQUE KEY uk_sessions_active_user (active_user_id),
    UNIQUE KEY uk_sessions_active_connector (active_connector_code),
    UNIQUE KEY uk_sessions_idempotency (user_id, idempotency_key),
    KEY ix_sessions_user (user_id, requested_at),
    KEY ix_sessions_charger (charge_point_id, transaction_id),
    KEY ix_sessions_operator (operator_code, status)
);

-- Meter readings of a session, for billing by time-of-use segment. A reading repeated (the
-- same instant) is stored once.
CREATE TABLE meter_samples (
    session_id  CHAR(36)    NOT NULL,
    sampled_at  DATETIME(3) NOT NULL,
    energy_wh   BIGINT      NOT NULL,
    power_w     BIGINT      NULL,
    soc         INT         NULL,
    PRIMARY KEY (session_id, sampled_at)
);

-- Transactions chargers started for sessions that had already failed (a late start): stopped
-- and recorded here, never billed silently.
CREATE TABLE late_transactions (
    charge_point_id VARCHAR(36) NOT NULL,
    transaction_id  INT         NOT NULL,
    session_id      CHAR(36)    NOT NULL,
    started_at      DATETIME(3) NOT NULL,
    meter_start_wh  BIGINT      NOT NULL,
    recorded_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (charge_point_id, transaction_id)
);
