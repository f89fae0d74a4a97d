-- An issued idTag starts one transaction, on its own charger: the transaction it started.
ALTER TABLE ocpp_issued_id_tags ADD COLUMN used_by_transaction INT NULL;

-- A frame may be 64K characters, and characters may take 4 bytes.
ALTER TABLE ocpp_unmatched MODIFY payload MEDIUMTEXT NOT NULL;
