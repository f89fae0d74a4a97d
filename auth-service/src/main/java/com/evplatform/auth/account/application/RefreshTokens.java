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

    /**
     * Deletes up to {@code limit} tokens that can never be spent again since before
     * {@code before}: their login's family ended (or, written before families had an end, the
     * token expired), or it was revoked. Tokens of a family still alive stay, spent or not, so
     * that spending a stolen one is still seen as reuse.
     *
     * @return how many were deleted
     */
    int deleteEndedBefore(Instant before, int limit);
}
