package com.evplatform.order.billing.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.evplatform.service.support.refusal.Refusal;

/**
 * The payment provider's webhook signature (API.md "Payment webhook"):
 * {@code Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">} with the
 * shared secret. Compared in constant time; a time more than the tolerance away is refused, so
 * a captured request cannot be replayed later.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** @throws Refusal 401 BAD_SIGNATURE or STALE_SIGNATURE */
    public static void verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("PAYMENT_WEBHOOK_SECRET is not set");
        }
        if (header == null) {
            throw bad("The Payment-Signature header is missing");
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    t = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    throw bad("The signature's time is not a number");
                }
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t == null || v1 == null) {
            throw bad("The Payment-Signature header needs t= and v1=");
        }
        byte[] expected = sign(secret, t, body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            throw bad("The signature is not hex");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw bad("The signature does not match the body");
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "STALE_SIGNATURE",
                    "The signature's time is more than " + tolerance.toSeconds() + " s from now");
        }
    }

    /** HMAC-SHA256 over {@code "<t>.<body>"}. */
    public static byte[] sign(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refusal bad(String detail) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "BAD_SIGNATURE", detail);
    }
}
