-- The retention purge deletes refresh tokens of logins that ended or were revoked long ago,
-- oldest first in bounded batches: these indexes let it read (and lock) only those rows.
CREATE INDEX ix_refresh_login_end ON refresh_tokens (family_expires_at, expires_at);
CREATE INDEX ix_refresh_revoked ON refresh_tokens (revoked_at);
