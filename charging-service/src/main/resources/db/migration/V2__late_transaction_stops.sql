-- A late transaction (started by a charger after its session had failed) is recorded with its stop too:
-- what it delivered is known, and an operator can settle it by hand.
ALTER TABLE late_transactions
    ADD COLUMN stopped_at    DATETIME(3) NULL,
    ADD COLUMN meter_stop_wh BIGINT      NULL,
    ADD COLUMN stop_reason   VARCHAR(32) NULL;
