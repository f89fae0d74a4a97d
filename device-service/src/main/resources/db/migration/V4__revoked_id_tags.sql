-- A session that gave up on its start revokes its idTag: a transaction the charger starts
-- with it later is answered Invalid, and one already running is stopped.
ALTER TABLE ocpp_issued_id_tags ADD COLUMN revoked_at DATETIME(6) NULL;
