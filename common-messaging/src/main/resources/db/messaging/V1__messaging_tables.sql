-- Tables of the messaging library, created in each service's own schema. Versioned in
-- their own history table (messaging_schema_history) so they never collide with the
-- service's migrations.

CREATE TABLE messaging_outbox (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    message_id        CHAR(36)      NOT NULL,
    exchange_name     VARCHAR(200)  NOT NULL,
    routing_key       VARCHAR(255)  NOT NULL,
    message_type      VARCHAR(200)  NOT NULL,
    body              MEDIUMBLOB    NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_at   DATETIME(6)   NOT NULL,
    created_at        DATETIME(6)   NOT NULL,
    sent_at           DATETIME(6)   NULL,
    last_error        VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_outbox_due (status, next_attempt_at, id),
    KEY ix_outbox_message (message_id)
);

-- Last version handed out per aggregate; the row lock orders concurrent producers.
CREATE TABLE messaging_aggregate_version (
    aggregate_id VARCHAR(200) NOT NULL,
    version      BIGINT       NOT NULL,
    PRIMARY KEY (aggregate_id)
);

-- One row per (consumer, message) whose effect committed: the last line against duplicates.
CREATE TABLE messaging_inbox (
    consumer     VARCHAR(200) NOT NULL,
    message_id   CHAR(36)     NOT NULL,
    processed_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

-- Last aggregate version an ordered consumer applied.
CREATE TABLE messaging_consumer_position (
    consumer     VARCHAR(200) NOT NULL,
    aggregate_id VARCHAR(200) NOT NULL,
    last_version BIGINT       NOT NULL,
    PRIMARY KEY (consumer, aggregate_id)
);

CREATE TABLE messaging_dead_letter (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    queue_name       VARCHAR(200)  NOT NULL,
    message_id       CHAR(36)      NOT NULL,
    message_type     VARCHAR(200)  NULL,
    body             MEDIUMBLOB    NOT NULL,
    headers          TEXT          NULL,
    reason           VARCHAR(2000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    dead_lettered_at DATETIME(6)   NOT NULL,
    resolved_at      DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_dead_letter (queue_name, message_id),
    KEY ix_dead_letter_status (status, id)
);
