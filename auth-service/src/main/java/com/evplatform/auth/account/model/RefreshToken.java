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
 * was stolen (or replayed), and the whole family is revoked. A family lives at most its
 * maximum age from the login: each successor inherits the family's end, so rotating never
 * makes a login last longer.
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
    /** Null on tokens written before families had an end: their own expiry ends the family. */
    private Instant familyExpiresAt;
    private Instant usedAt;
    private Instant revokedAt;

    protected RefreshToken() {
    }

    private RefreshToken(String familyId, String userId, String tokenHash, Instant now, Duration lifetime,
            Instant familyExpiresAt) {
        this.id = UUID.randomUUID().toString();
        this.familyId = familyId;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.issuedAt = now;
        Instant ownExpiry = now.plus(lifetime);
        this.expiresAt = ownExpiry.isBefore(familyExpiresAt) ? ownExpiry : familyExpiresAt;
        this.familyExpiresAt = familyExpiresAt;
    }

    /**
     * The first token of a new login.
     *
     * @param lifetime how long this token may wait to be spent
     * @param maxAge how long the login may be kept alive by rotation, from now
     */
    public static RefreshToken startFamily(String userId, String tokenHash, Instant now, Duration lifetime,
            Duration maxAge) {
        return new RefreshToken(UUID.randomUUID().toString(), userId, tokenHash, now, lifetime, now.plus(maxAge));
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
        Instant familyEnd = familyExpiresAt != null ? familyExpiresAt : expiresAt;
        return new Rotated(new RefreshToken(familyId, userId, successorHash, now, lifetime, familyEnd));
    }

    public String familyId() {
        return familyId;
    }

    public String userId() {
        return userId;
    }
}
