package com.evplatform.auth.token;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of auth-service ({@code platform.auth.*}).
 *
 * @param privateKey PEM (PKCS#8) RSA key signing access tokens; generated for development when empty
 * @param devKeyFile where the development key is kept, outside the repository (set in application.yml:
 *     a {@code @DefaultValue} is taken literally, placeholders in it are not resolved)
 * @param issuer the {@code iss} of every token; services check it
 * @param refreshTokenLifetime how long one refresh token may wait to be spent
 * @param refreshTokenMaxAge how long a login may be kept alive by refreshing, counted from the
 *     login; rotation never extends it
 * @param trustedProxies addresses or CIDR ranges of the proxies (the gateway) whose
 *     {@code X-Forwarded-For} names the client; from any other peer the header is ignored
 * @param retention how long refresh tokens are kept after their login ended or was revoked
 */
@ConfigurationProperties("platform.auth")
public record AuthProperties(
        String privateKey,
        String devKeyFile,
        @DefaultValue("ev-platform") String issuer,
        @DefaultValue("15m") Duration accessTokenLifetime,
        @DefaultValue("30d") Duration refreshTokenLifetime,
        @DefaultValue("30d") Duration refreshTokenMaxAge,
        @DefaultValue({"127.0.0.1", "::1"}) List<String> trustedProxies,
        @DefaultValue Login login,
        @DefaultValue Admin admin,
        @DefaultValue Retention retention) {

    /**
     * Failed logins allowed per username and per client address within the window (attempts
     * still being checked count as failed until they succeed).
     */
    public record Login(
            @DefaultValue("5") int maxFailuresPerUser,
            @DefaultValue("20") int maxFailuresPerAddress,
            @DefaultValue("15m") Duration window) {
    }

    /**
     * Refresh tokens that can never be spent again (their login ended or was revoked) are
     * deleted {@code refreshTokens} later, every {@code interval}, at most {@code batchSize}
     * per delete.
     */
    public record Retention(
            @DefaultValue("7d") Duration refreshTokens,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("5000") int batchSize) {
    }

    /** The first ADMIN, created at start-up when both are set. */
    public record Admin(String username, String password) {
    }
}
