package com.evplatform.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.core.OAuth2Error;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import reactor.core.publisher.Mono;

/**
 * Access tokens the gateway has verified, each kept until it expires, so a client's next
 * requests with the same token cost a hash and a map lookup instead of an RS256 signature
 * check. Keyed by the token's SHA-256, not the token itself, so the heap holds no bearer
 * credential. Only tokens that passed every check (signature, issuer, expiry) are kept; a
 * failure is never cached, and a hit is checked against the clock again.
 *
 * <p>Signing keys rotate by adding a key to the JWKS before signing with it; a token stays valid
 * until it expires whichever way it is checked, so the cache never accepts what the decoder
 * would refuse before the token's own expiry.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, long maximumSize, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(untilExpiry(clock)).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String key = sha256(token);
        Jwt known = verified.getIfPresent(key);
        if (known != null) {
            if (known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
                return Mono.just(known);
            }
            verified.invalidate(key);
            return Mono.error(new JwtValidationException("The token has expired",
                    List.of(new OAuth2Error("invalid_token", "Jwt expired at " + known.getExpiresAt(), null))));
        }
        return verifier.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(key, jwt);
            }
        });
    }

    /** Tokens held now, for tests and metrics. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Expiry<String, Jwt> untilExpiry(Clock clock) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
                Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
                return Math.max(0, left.toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
                return expireAfterCreate(key, jwt, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
