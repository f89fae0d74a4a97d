-- The relay keeps each aggregate's messages in order: a row waits while an earlier PENDING row
-- of its aggregate is in backoff or held by another relay. Rows written before this column
-- existed have no aggregate and are not ordered.
ALTER TABLE messaging_outbox ADD COLUMN aggregate_id VARCHAR(200) NULL;
CREATE INDEX ix_outbox_aggregate ON messaging_outbox (aggregate_id, status, id);
