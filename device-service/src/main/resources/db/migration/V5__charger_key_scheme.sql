-- How each charger's AuthorizationKey is stored (ADR 16): chargers registered so far have a bcrypt
-- hash; their next successful handshake rewrites it as HMAC_SHA256. An instance of the previous
-- version inserts without the column and so, correctly, as BCRYPT.
ALTER TABLE chargers ADD COLUMN key_scheme VARCHAR(16) NOT NULL DEFAULT 'BCRYPT';
