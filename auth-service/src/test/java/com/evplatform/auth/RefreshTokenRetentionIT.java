package com.evplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.auth.account.application.ForgettingEndedLogins;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;

/**
 * Refresh tokens of logins that ended or were revoked more than the retention ago (7 days)
 * are deleted, in batches (2 rows here); those of logins still alive stay, spent ones too,
 * so that spending a stolen one still revokes its login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.auth.retention.batch-size=2",
        "platform.auth.dev-key-file=${java.io.tmpdir}/ev-platform-test/auth-signing-key.pem"})
@PlatformInfrastructure(schema = "auth")
class RefreshTokenRetentionIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ForgettingEndedLogins forgetting;

    @Test
    void tokens_of_logins_ended_or_revoked_past_the_retention_are_deleted_and_the_rest_kept() {
        String userId = newUser();
        Instant now = Instant.now();
        Instant eightDaysAgo = now.minus(Duration.ofDays(8));
        Instant sixDaysAgo = now.minus(Duration.ofDays(6));
        Instant inTwentyDays = now.plus(Duration.ofDays(20));

        String endedLongAgo = token(userId, eightDaysAgo, eightDaysAgo, null, null);
        String endedLongAgoToo = token(userId, eightDaysAgo.minusSeconds(60), eightDaysAgo, null, null);
        String endedRecently = token(userId, sixDaysAgo, sixDaysAgo, null, null);
        String spentInALiveLogin = token(userId, eightDaysAgo, inTwentyDays, eightDaysAgo, null);
        String revokedLongAgo = token(userId, inTwentyDays, inTwentyDays, null, eightDaysAgo);
        String revokedRecently = token(userId, inTwentyDays, inTwentyDays, null, sixDaysAgo);
        String withoutLoginEndExpiredLongAgo = token(userId, eightDaysAgo, null, null, null);
        String withoutLoginEndExpiredRecently = token(userId, sixDaysAgo, null, null, null);

        long deleted = forgetting.forget();

        assertThat(deleted).isGreaterThanOrEqualTo(4);
        assertThat(exists(endedLongAgo)).isFalse();
        assertThat(exists(endedLongAgoToo)).isFalse();
        assertThat(exists(revokedLongAgo)).isFalse();
        assertThat(exists(withoutLoginEndExpiredLongAgo)).isFalse();
        assertThat(exists(endedRecently)).isTrue();
        assertThat(exists(spentInALiveLogin)).as("a spent token of a live login: its reuse must still be seen").isTrue();
        assertThat(exists(revokedRecently)).isTrue();
        assertThat(exists(withoutLoginEndExpiredRecently)).isTrue();
    }

    private String newUser() {
        String username = "retention." + UUID.randomUUID().toString().substring(0, 8);
        var registered = new ApiClient(port).post("/api/auth/register",
                Map.of("username", username, "password", "correct-horse-1"));
        assertThat(registered.status()).isEqualTo(201);
        return registered.field("userId");
    }

    /** A refresh token of its own family; null times stay NULL. */
    private String token(String userId, Instant expiresAt, Instant familyExpiresAt, Instant usedAt,
            Instant revokedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at, "
                + "family_expires_at, used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                UUID.randomUUID().toString(), userId, (id + id).replace("-", "").substring(0, 64),
                Timestamp.from(expiresAt.minus(Duration.ofDays(30))), Timestamp.from(expiresAt),
                timestamp(familyExpiresAt), timestamp(usedAt), timestamp(revokedAt));
        return id;
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private boolean exists(String tokenId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM refresh_tokens WHERE id = ?", Long.class, tokenId) == 1;
    }
}
