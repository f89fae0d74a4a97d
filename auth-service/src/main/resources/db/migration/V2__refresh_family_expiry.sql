-- A login's refresh tokens all expire, at the latest, AUTH_REFRESH_MAX_AGE after the login:
-- rotation hands this on and never moves it. Families from before have no login time on
-- record; their current token's expiry becomes the family's. Nullable, so that an instance
-- still running the previous version during a rolling update can go on writing tokens (a
-- token without it ends its family when it expires).
ALTER TABLE refresh_tokens ADD COLUMN family_expires_at DATETIME(6) NULL AFTER expires_at;
UPDATE refresh_tokens SET family_expires_at = expires_at;
