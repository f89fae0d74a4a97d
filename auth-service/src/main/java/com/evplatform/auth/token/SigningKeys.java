package com.evplatform.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key that signs access tokens. Production passes it in (PEM, PKCS#8) through the
 * environment; a developer's machine gets one generated once and kept outside the
 * repository, so tokens survive restarts. The key id is the key's RFC 7638 thumbprint, so a
 * new key gets a new {@code kid} and verifiers find the right key during a rotation.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final RSAKey key;

    private SigningKeys(RSAKey key) {
        this.key = key;
    }

    public static SigningKeys load(String privateKeyPem, Path devKeyFile) {
        try {
            if (privateKeyPem != null && !privateKeyPem.isBlank()) {
                return new SigningKeys(rsaKey(parse(privateKeyPem)));
            }
            if (!Files.exists(devKeyFile)) {
                generate(devKeyFile);
                log.warn("no signing key configured (AUTH_JWT_PRIVATE_KEY): generated a development key in {}",
                        devKeyFile);
            }
            return new SigningKeys(rsaKey(parse(Files.readString(devKeyFile))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException | NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
    }

    public RSAKey signingKey() {
        return key;
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half only, as served at the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private static RSAKey rsaKey(KeyPair pair) throws JOSEException {
        var builder = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
        return builder.keyIDFromThumbprint().build();
    }

    private static KeyPair parse(String pem) throws NoSuchAlgorithmException, InvalidKeySpecException {
        // A PEM passed through an env file often has its line breaks written as "\n".
        String base64 = pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        var publicKey = factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                privateKey.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static void generate(Path file) throws IOException, NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, pem);
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another instance won the race: use its key.
            Files.deleteIfExists(temporary);
        }
    }
}
