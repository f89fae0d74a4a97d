package com.evplatform.paymentprovider;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment webhook's signature, as the public API contract defines it: the header
 * {@code Payment-Signature: t=<unix seconds>,v1=<hex>} where {@code <hex>} is the lower-case hex HMAC-SHA256, keyed
 * with the shared secret ({@code PAYMENT_WEBHOOK_SECRET}, UTF-8), of the bytes {@code "<t>.<raw body>"}.
 *
 * <p>The simulator signs with it; a receiver can verify with the same code. {@link #verify} reads the header as
 * comma-separated {@code key=value} pairs: exactly one {@code t} (decimal seconds), one or more {@code v1} (any
 * of them may match, so a sender can sign with an old and a new secret while the secret rotates), other keys
 * ignored. It checks the signature first, in constant time, and only then the timestamp, so
 * {@link Verification#STALE_SIGNATURE} is only ever said of a request that was genuinely signed.
 */
public final class WebhookSignature {

    /** The request header that carries the signature. */
    public static final String HEADER = "Payment-Signature";

    /** How far {@code t} may be from the receiver's clock, either way: 300 s. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** What a receiver concludes from a request's signature; the names of the rejections are the API's error codes. */
    public enum Verification {
        /** The signature matches and {@code t} is within the tolerance. */
        VALID,
        /** Missing, malformed, or not made with the secret over this body and {@code t}: 401. */
        BAD_SIGNATURE,
        /** Genuinely signed, but {@code t} is further from now than the tolerance: 401. */
        STALE_SIGNATURE;

        public boolean isValid() {
            return this == VALID;
        }
    }

    private WebhookSignature() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code "<t>.<body>"} with the secret. */
    public static String sign(String secret, long t, byte[] body) {
        return HEX.formatHex(mac(secret, t, body));
    }

    /** As {@link #sign(String, long, byte[])}, of the body's UTF-8 bytes. */
    public static String sign(String secret, long t, String body) {
        return sign(secret, t, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the {@value #HEADER} header: {@code t=<t>,v1=<signature>}. */
    public static String header(String secret, long t, String body) {
        return header(t, sign(secret, t, body));
    }

    /** A header value from a timestamp and an already computed signature. */
    public static String header(long t, String signature) {
        return "t=" + t + ",v1=" + signature;
    }

    /** Checks a received header against the raw body bytes, the receiver's clock and a tolerance. */
    public static Verification verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(tolerance, "tolerance");
        ParsedHeader parsed = ParsedHeader.parse(header);
        if (parsed == null) {
            return Verification.BAD_SIGNATURE;
        }
        byte[] expected = mac(secret, parsed.t(), body);
        boolean matches = false;
        for (byte[] candidate : parsed.signatures()) {
            // no early exit: every candidate is compared, each in constant time
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matches) {
            return Verification.BAD_SIGNATURE;
        }
        long skew = Math.abs(now.getEpochSecond() - parsed.t());
        return skew > tolerance.toSeconds() ? Verification.STALE_SIGNATURE : Verification.VALID;
    }

    /** As {@link #verify(String, String, byte[], Instant, Duration)}, of the body's UTF-8 bytes. */
    public static Verification verify(String secret, String header, String body, Instant now, Duration tolerance) {
        return verify(secret, header, body.getBytes(StandardCharsets.UTF_8), now, tolerance);
    }

    /** As {@link #verify(String, String, String, Instant, Duration)} with the {@link #DEFAULT_TOLERANCE}. */
    public static Verification verify(String secret, String header, String body, Instant now) {
        return verify(secret, header, body, now, DEFAULT_TOLERANCE);
    }

    /**
     * The timestamp of a well-formed header, empty for a missing or malformed one; for a receiver that logs it or a
     * test that asserts on it. Says nothing about whether the signature is genuine.
     */
    public static OptionalLong timestampOf(String header) {
        ParsedHeader parsed = ParsedHeader.parse(header);
        return parsed == null ? OptionalLong.empty() : OptionalLong.of(parsed.t());
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java platform has HmacSHA256, and HMAC takes keys of any length
            throw new IllegalStateException("cannot compute " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    private record ParsedHeader(long t, List<byte[]> signatures) {

        static ParsedHeader parse(String header) {
            if (header == null || header.isBlank()) {
                return null;
            }
            Long t = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String part : header.split(",", -1)) {
                int equals = part.indexOf('=');
                if (equals <= 0) {
                    return null;
                }
                String key = part.substring(0, equals).strip();
                String value = part.substring(equals + 1).strip();
                switch (key) {
                    case "t" -> {
                        if (t != null || !isDigits(value)) {
                            return null;
                        }
                        try {
                            t = Long.parseLong(value);
                        } catch (NumberFormatException tooLong) {
                            return null;
                        }
                    }
                    case "v1" -> {
                        boolean hex = !value.isEmpty() && value.length() % 2 == 0
                                && value.chars().allMatch(HexFormat::isHexDigit);
                        if (!hex) {
                            return null;
                        }
                        signatures.add(HEX.parseHex(value));
                    }
                    default -> {
                        // other schemes may follow; they are not ours to check
                    }
                }
            }
            return t == null || signatures.isEmpty() ? null : new ParsedHeader(t, signatures);
        }

        private static boolean isDigits(String value) {
            return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
