package com.evplatform.auth.account.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    private static final Instant LOGIN = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final Duration MAX_AGE = Duration.ofDays(10);

    @Test
    void a_token_rotated_just_before_the_family_ends_gives_a_successor_that_ends_with_it() {
        RefreshToken first = RefreshToken.startFamily("user-1", "hash-1", LOGIN, LIFETIME, MAX_AGE);
        RefreshToken second = rotated(first.spend("hash-2", LOGIN.plus(Duration.ofDays(9)), LIFETIME));
        RefreshToken third = rotated(second.spend("hash-3", LOGIN.plus(MAX_AGE).minusSeconds(1), LIFETIME));

        assertThat(third.spend("hash-4", LOGIN.plus(MAX_AGE), LIFETIME)).isInstanceOf(RefreshToken.Expired.class);
    }

    @Test
    void the_first_token_of_a_family_younger_than_its_lifetime_ends_with_the_family() {
        RefreshToken first = RefreshToken.startFamily("user-1", "hash-1", LOGIN, LIFETIME, MAX_AGE);

        assertThat(first.spend("hash-2", LOGIN.plus(MAX_AGE), LIFETIME)).isInstanceOf(RefreshToken.Expired.class);
    }

    @Test
    void an_unspent_token_still_expires_after_its_own_lifetime_inside_the_family() {
        RefreshToken first = RefreshToken.startFamily("user-1", "hash-1", LOGIN, Duration.ofDays(1), MAX_AGE);
        RefreshToken second = rotated(first.spend("hash-2", LOGIN.plusSeconds(60), Duration.ofDays(1)));

        assertThat(second.spend("hash-3", LOGIN.plusSeconds(60).plus(Duration.ofDays(1)), Duration.ofDays(1)))
                .isInstanceOf(RefreshToken.Expired.class);
    }

    private static RefreshToken rotated(RefreshToken.Spending spending) {
        assertThat(spending).isInstanceOf(RefreshToken.Rotated.class);
        return ((RefreshToken.Rotated) spending).successor();
    }
}
