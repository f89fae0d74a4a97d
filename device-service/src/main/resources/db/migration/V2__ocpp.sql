-- OCPP 1.6J: what chargers reported, as received. Live state is in Redis; this is the history.

-- Transactions the central system numbered. A StartTransaction resent after a reconnect has the
-- same content and gets the same id (uk_transaction_content), so one start is one transaction.
CREATE TABLE ocpp_transactions (
    id               INT          NOT NULL AUTO_INCREMENT,
    charge_point_id  VARCHAR(36)  NOT NULL,
    connector_id     INT          NOT NULL,
    id_tag           VARCHAR(20)  NOT NULL,
    id_tag_status    VARCHAR(20)  NOT NULL,
    session_id       VARCHAR(36)  NULL,
    started_at       DATETIME(3)  NOT NULL,
    meter_start_wh   BIGINT       NOT NULL,
    stopped_at       DATETIME(3)  NULL,
    meter_stop_wh    BIGINT       NULL,
    stop_reason      VARCHAR(20)  NULL,
    received_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_transaction_content (charge_point_id, connector_id, id_tag, started_at, meter_start_wh),
    KEY ix_transactions_open (charge_point_id, stopped_at)
);

-- idTags the platform issued with a RemoteStartTransaction, tying the charger's transaction to
-- the session that asked for it. OCPP limits an idTag to 20 characters.
CREATE TABLE ocpp_issued_id_tags (
    id_tag          VARCHAR(20) NOT NULL,
    charge_point_id VARCHAR(36) NOT NULL,
    session_id      VARCHAR(36) NULL,
    issued_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (id_tag)
);

-- What could not be matched (a stop for an unknown transaction, a second different stop) is
-- kept here with the whole payload, never dropped.
CREATE TABLE ocpp_unmatched (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    charge_point_id VARCHAR(36)  NOT NULL,
    action          VARCHAR(40)  NOT NULL,
    reason          VARCHAR(200) NOT NULL,
    payload         TEXT         NOT NULL,
    received_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_unmatched_charger (charge_point_id, received_at)
);

CREATE TABLE connector_status_log (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    charge_point_id VARCHAR(36) NOT NULL,
    connector_id    INT         NOT NULL,
    status          VARCHAR(20) NOT NULL,
    error_code      VARCHAR(30) NOT NULL,
    reported_at     DATETIME(3) NOT NULL,
    received_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_status_log_connector (charge_point_id, connector_id, id)
);

-- Commands operators sent through the admin API, and how the charger answered.
CREATE TABLE charger_commands (
    id              CHAR(36)     NOT NULL,
    charge_point_id VARCHAR(36)  NOT NULL,
    type            VARCHAR(30)  NOT NULL,
    request         TEXT         NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    result          TEXT         NULL,
    requested_by    VARCHAR(36)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_commands_charger (charge_point_id, created_at)
);

-- The last FirmwareStatusNotification / DiagnosticsStatusNotification of each charger.
ALTER TABLE chargers
    ADD COLUMN firmware_status    VARCHAR(30) NULL,
    ADD COLUMN diagnostics_status VARCHAR(30) NULL;
