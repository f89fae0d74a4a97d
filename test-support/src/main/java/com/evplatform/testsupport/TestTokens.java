package com.evplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Access tokens for testing a service on its own, without auth-service: an RSA key, its
 * JWKS served over HTTP (point {@code AUTH_JWKS_URI} at {@link #jwksUri()}), and tokens
 * signed with it the way auth-service signs them.
 */
public final class TestTokens implements AutoCloseable {

    public static final String ISSUER = "ev-platform";

    private final RSAKey key;
    private final HttpServer server;

    public TestTokens() {
        this(0);
    }

    /**
     * @param port where to serve the JWKS (0: any free port), e.g. a fixed port a service was started
     *        with before this key existed: services fetch the JWKS at the first token they check
     */
    public TestTokens(int port) {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    public String driver(String userId) {
        return token(userId, "DRIVER", null);
    }

    public String operator(String userId, String operatorCode) {
        return token(userId, "OPERATOR", operatorCode);
    }

    public String admin() {
        return token(UUID.randomUUID().toString(), "ADMIN", null);
    }

    public String token(String userId, String role, String operatorCode) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(userId).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)))
                .claim("roles", List.of(role));
        if (operatorCode != null) {
            claims.claim("operatorCode", operatorCode);
        }
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
