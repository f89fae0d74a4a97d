package com.evplatform.auth.account.application;

import java.time.Instant;
import java.util.Optional;

import com.evplatform.auth.account.model.RefreshToken;

/** Refresh tokens by the hash of their value; infrastructure keeps them in the database. */
public interface RefreshTokens {

    /**
     * The token with this hash, locked until the transaction ends, so two concurrent refreshes
     * with one token cannot both rotate it.
     */
    Optional<RefreshToken> lockedByHash(String tokenHash);

    void add(RefreshToken token);

    /** Revokes every token of the family not revoked yet (the whole login chain). */
    void revokeFamily(String familyId, Instant now);
}
