-- What the benchmark consumer writes per message: a realistic small effect row.
CREATE TABLE bench_effect (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    message_id   CHAR(36)     NOT NULL,
    aggregate_id VARCHAR(200) NOT NULL,
    version      BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
