-- The relay scans due rows in id order: with (status, id) it reads them in that order and
-- stops at its LIMIT instead of sorting (and locking) the whole backlog.
CREATE INDEX ix_outbox_status_id ON messaging_outbox (status, id);
-- The purge finds old SENT rows without scanning (and locking) the table.
CREATE INDEX ix_outbox_sent ON messaging_outbox (status, sent_at);
