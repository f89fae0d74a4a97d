package com.evplatform.auth.account.model;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One refresh token of a login's family. It can be spent once: spending it again means it
 * was stolen (or replayed), and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    @Column(length = 36)
    private String id;
    private String familyId;
    private String userId;
    private String tokenHash;
    private Instant issuedAt;
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {
    }

    private RefreshToken(String familyId, String userId, String tokenHash, Instant now, Duration lifetime) {
        this.id = UUID.randomUUID().toString();
        this.familyId = familyId;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.issuedAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    /** The first token of a new login. */
    public static RefreshToken startFamily(String userId, String tokenHash, Instant now, Duration lifetime) {
        return new RefreshToken(UUID.randomUUID().toString(), userId, tokenHash, now, lifetime);
    }

    /** What spending this token gives: its successor, or the reason it cannot be spent. */
    public sealed interface Spending permits Rotated, Reused, Expired, Revoked {
    }

    public record Rotated(RefreshToken successor) implements Spending {
    }

    /** Spent before: the family must be revoked. */
    public record Reused(String familyId) implements Spending {
    }

    public record Expired() implements Spending {
    }

    public record Revoked() implements Spending {
    }

    public Spending spend(String successorHash, Instant now, Duration lifetime) {
        if (revokedAt != null) {
            return new Revoked();
        }
        if (usedAt != null) {
            return new Reused(familyId);
        }
        if (!now.isBefore(expiresAt)) {
            return new Expired();
        }
        usedAt = now;
        return new Rotated(new RefreshToken(familyId, userId, successorHash, now, lifetime));
    }

    public String familyId() {
        return familyId;
    }

    public String userId() {
        return userId;
    }
}
