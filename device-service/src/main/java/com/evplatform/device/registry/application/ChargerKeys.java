package com.evplatform.device.registry.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.KeyScheme;

/**
 * Chargers' AuthorizationKeys (OCPP security profiles 1 and 2): stored as HMAC-SHA256 under a
 * server-side secret ({@code DEVICE_KEY_SECRET}), of the charger's id and its key, and compared
 * in constant time. A key is 16 to 40 random characters, not a person's password: there is no
 * dictionary to slow down, so a keyed hash is as safe as bcrypt against a stolen table (without
 * the secret it is useless) and costs microseconds instead of tens of milliseconds per handshake.
 * Keys stored with bcrypt before are still checked with it ({@link Check#MATCHES_OLD_SCHEME}), so
 * the caller can store them again as HMAC. See ADR 16.
 */
public final class ChargerKeys {

    /** The shortest secret accepted: 32 characters, about 190 bits when random. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    public enum Check {
        MATCHES,
        /** Right key, stored with an older scheme: store it again with {@link ChargerKeys#hash}. */
        MATCHES_OLD_SCHEME,
        WRONG
    }

    private final SecretKeySpec secret;
    private final PasswordEncoder oldScheme;

    public ChargerKeys(String secret, PasswordEncoder oldScheme) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("DEVICE_KEY_SECRET (platform.device.key-secret) must be set to at least "
                    + MIN_SECRET_LENGTH + " random characters: chargers' keys are stored as HMAC-SHA256 under it, and "
                    + "every device-service instance needs the same one (bin/platform up generates one into "
                    + ".run/device-key-secret)");
        }
        this.secret = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.oldScheme = oldScheme;
    }

    /** What is stored for this charger's key, with {@link KeyScheme#HMAC_SHA256}. */
    public String hash(String chargePointId, String key) {
        return Base64.getEncoder().encodeToString(mac(chargePointId, key));
    }

    public Check check(Charger charger, String key) {
        return switch (charger.keyScheme()) {
            case HMAC_SHA256 -> MessageDigest.isEqual(mac(charger.chargePointId(), key),
                    Base64.getDecoder().decode(charger.passwordHash())) ? Check.MATCHES : Check.WRONG;
            case BCRYPT -> oldScheme.matches(key, charger.passwordHash()) ? Check.MATCHES_OLD_SCHEME : Check.WRONG;
        };
    }

    /** The work of a check for a charger that does not exist, so the answer's timing does not tell. */
    public void checkNobody(String chargePointId, String key) {
        mac(chargePointId, key);
    }

    private byte[] mac(String chargePointId, String key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            // The id can hold no ':', so id and key are told apart unambiguously.
            return mac.doFinal((chargePointId + ":" + key).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
