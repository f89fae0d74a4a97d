package com.evplatform.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    final List<String> verifiedByKey = new ArrayList<>();
    final MovableClock clock = new MovableClock(NOW);

    /** Plays the signature check: "good-*" tokens pass and expire in 15 minutes, others fail. */
    final ReactiveJwtDecoder signatureCheck = token -> {
        verifiedByKey.add(token);
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(15))).build());
    };

    final VerifiedTokens tokens = new VerifiedTokens(signatureCheck, 1_000, clock);

    @Test
    void a_token_is_verified_once_and_then_answered_from_memory() {
        assertThat(tokens.decode("good-a").block().getSubject()).isEqualTo("good-a");
        assertThat(tokens.decode("good-a").block().getSubject()).isEqualTo("good-a");
        assertThat(tokens.decode("good-b").block().getSubject()).isEqualTo("good-b");
        assertThat(verifiedByKey).containsExactly("good-a", "good-b");
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void a_refused_token_is_checked_again_every_time() {
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifiedByKey).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() {
        tokens.decode("good-a").block();
        clock.now = NOW.plus(Duration.ofMinutes(15));
        assertThatThrownBy(() -> tokens.decode("good-a").block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifiedByKey).containsExactly("good-a");
    }

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
