-- The retention purge deletes the oldest inbox rows in bounded batches: with this index it
-- reads (and locks) only the rows it deletes, not the whole table.
CREATE INDEX ix_inbox_processed ON messaging_inbox (processed_at);
