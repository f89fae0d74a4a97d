-- Effects of the test consumers. Deliberately without a unique key: a duplicate effect
-- must show up as a second row, so only the library can keep the count at one.
CREATE TABLE test_effect (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    consumer     VARCHAR(100) NOT NULL,
    run_id       VARCHAR(64)  NOT NULL,
    message_id   CHAR(36)     NOT NULL,
    aggregate_id VARCHAR(200) NOT NULL,
    version      BIGINT       NOT NULL,
    occurred_at  DATETIME(6)  NOT NULL,
    applied_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_effect_run (run_id, consumer)
);
