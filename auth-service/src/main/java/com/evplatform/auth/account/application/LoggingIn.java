package com.evplatform.auth.account.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.auth.account.model.RefreshToken;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.account.model.Username;
import com.evplatform.auth.token.AccessTokens;
import com.evplatform.auth.token.AuthProperties;

/** Logging in, refreshing (with rotation and reuse detection) and logging out. */
@Service
public class LoggingIn {

    public record Tokens(String accessToken, long expiresIn, String refreshToken) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Users users;
    private final RefreshTokens refreshTokens;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final TransactionTemplate transactions;
    private final AuthProperties properties;
    private final Clock clock;
    /** Compared against when the username is unknown, so both cases take as long. */
    private final String decoyHash;

    LoggingIn(Users users, RefreshTokens refreshTokens, PasswordEncoder passwords,
            AccessTokens accessTokens, LoginThrottle throttle, TransactionTemplate transactions,
            AuthProperties properties, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-for-unknown-users");
    }

    public Tokens login(String username, String password, String clientAddress) {
        Optional<Duration> refused = throttle.attempt(username, clientAddress);
        if (refused.isPresent()) {
            throw new AccountRefusal.TooManyAttempts(refused.get());
        }
        Optional<User> user = validUsername(username).flatMap(users::byUsername);
        boolean matches = passwords.matches(password, user.map(User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            throw new AccountRefusal.BadCredentials();
        }
        throttle.succeeded(username, clientAddress);
        User account = user.get();
        if (passwords.upgradeEncoding(account.passwordHash())) {
            transactions.executeWithoutResult(status -> users.byId(account.id())
                    .ifPresent(u -> u.rehashPassword(passwords.encode(password))));
        }
        return transactions.execute(status -> {
            String refresh = newRefreshToken();
            refreshTokens.add(RefreshToken.startFamily(account.id(), hash(refresh), clock.instant(),
                    properties.refreshTokenLifetime(), properties.refreshTokenMaxAge()));
            return new Tokens(accessTokens.issue(account), accessTokens.lifetimeSeconds(), refresh);
        });
    }

    public Tokens refresh(String refreshToken) {
        String successor = newRefreshToken();
        var outcome = transactions.execute(status -> {
            RefreshToken token = refreshTokens.lockedByHash(hash(refreshToken))
                    .orElseThrow(AccountRefusal.InvalidRefreshToken::new);
            return switch (token.spend(hash(successor), clock.instant(), properties.refreshTokenLifetime())) {
                case RefreshToken.Rotated rotated -> {
                    refreshTokens.add(rotated.successor());
                    User user = users.byId(token.userId()).orElseThrow(AccountRefusal.InvalidRefreshToken::new);
                    yield new Tokens(accessTokens.issue(user), accessTokens.lifetimeSeconds(), successor);
                }
                case RefreshToken.Reused reused -> {
                    refreshTokens.revokeFamily(reused.familyId(), clock.instant());
                    yield null;
                }
                case RefreshToken.Expired expired -> null;
                case RefreshToken.Revoked revoked -> null;
            };
        });
        if (outcome == null) {
            throw new AccountRefusal.InvalidRefreshToken();
        }
        return outcome;
    }

    /** Ends the login the token belongs to, if it is the caller's; quiet otherwise. */
    public void logout(String refreshToken, String userId) {
        transactions.executeWithoutResult(status -> refreshTokens.lockedByHash(hash(refreshToken))
                .filter(token -> token.userId().equals(userId))
                .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), clock.instant())));
    }

    private static Optional<Username> validUsername(String username) {
        try {
            return Optional.of(new Username(username));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
