package com.evplatform.auth.account.infrastructure;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import com.evplatform.auth.account.application.RefreshTokens;
import com.evplatform.auth.account.model.RefreshToken;

import jakarta.persistence.LockModeType;

/** {@link RefreshTokens} on JPA. */
public interface RefreshTokenRepository extends JpaRepository<RefreshToken, String>, RefreshTokens {

    /** Locked, so two concurrent refreshes with one token cannot both rotate it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<RefreshToken> findByTokenHash(String tokenHash);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.familyId = :familyId and t.revokedAt is null")
    int revokeUnrevokedOfFamily(String familyId, Instant now);

    // Three deletes, each along an index (V3), oldest first, bounded.
    @Modifying
    @Query(nativeQuery = true, value = "DELETE FROM refresh_tokens WHERE family_expires_at < :before "
            + "ORDER BY family_expires_at LIMIT :limit")
    int deleteOfFamiliesEndedBefore(Instant before, int limit);

    @Modifying
    @Query(nativeQuery = true, value = "DELETE FROM refresh_tokens WHERE family_expires_at IS NULL "
            + "AND expires_at < :before ORDER BY expires_at LIMIT :limit")
    int deleteWithoutFamilyEndExpiredBefore(Instant before, int limit);

    @Modifying
    @Query(nativeQuery = true, value = "DELETE FROM refresh_tokens WHERE revoked_at < :before "
            + "ORDER BY revoked_at LIMIT :limit")
    int deleteRevokedBefore(Instant before, int limit);

    @Override
    default int deleteEndedBefore(Instant before, int limit) {
        int deleted = deleteOfFamiliesEndedBefore(before, limit);
        if (deleted < limit) {
            deleted += deleteWithoutFamilyEndExpiredBefore(before, limit - deleted);
        }
        if (deleted < limit) {
            deleted += deleteRevokedBefore(before, limit - deleted);
        }
        return deleted;
    }

    @Override
    default Optional<RefreshToken> lockedByHash(String tokenHash) {
        return findByTokenHash(tokenHash);
    }

    @Override
    default void add(RefreshToken token) {
        save(token);
    }

    @Override
    default void revokeFamily(String familyId, Instant now) {
        revokeUnrevokedOfFamily(familyId, now);
    }
}
