package com.evplatform.paymentprovider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a delivery departs from a genuine one, to see a receiver refuse it. Each corruption names the answer the
 * public API contract requires of order-service, provided the top-up exists.
 */
public enum Corruption {

    /** A genuine delivery: signed with the shared secret, now, over the body sent. */
    NONE("none", 200, null),
    /** Signed with another secret. */
    WRONG_SECRET("wrong-secret", 401, "BAD_SIGNATURE"),
    /** Signed over the genuine body, then sent with a larger amount. */
    TAMPERED_BODY("tampered-body", 401, "BAD_SIGNATURE"),
    /** Genuinely signed with {@code t} {@link #STALE_SHIFT} in the past, beyond the 300 s tolerance. */
    STALE_TIMESTAMP("stale", 401, "STALE_SIGNATURE"),
    /** No {@code Payment-Signature} header at all. */
    MISSING_HEADER("missing-header", 401, "BAD_SIGNATURE"),
    /** A header that is not {@code t=<seconds>,v1=<hex>}: its {@code t} is not a number. */
    MALFORMED_HEADER("malformed-header", 401, "BAD_SIGNATURE"),
    /** Genuinely signed, but the amount is one minor unit (0.01) more than the top-up's. */
    CHANGED_AMOUNT("bad-amount", 409, "AMOUNT_MISMATCH"),
    /** Genuinely signed, but in another currency than the top-up's. */
    CHANGED_CURRENCY("bad-currency", 409, "AMOUNT_MISMATCH");

    /** How far in the past a stale delivery's {@code t} is: well beyond the tolerance and any clock skew. */
    public static final Duration STALE_SHIFT = Duration.ofMinutes(10);

    /** What a tampered body adds to the amount after signing. */
    static final BigDecimal TAMPERED_EXTRA = new BigDecimal("1000.00");

    /** What a changed amount adds: one cent. */
    static final BigDecimal CHANGED_AMOUNT_EXTRA = new BigDecimal("0.01");

    private final String optionName;
    private final int expectedStatus;
    private final String expectedCode;

    Corruption(String optionName, int expectedStatus, String expectedCode) {
        this.optionName = optionName;
        this.expectedStatus = expectedStatus;
        this.expectedCode = expectedCode;
    }

    /** The name on the command line, e.g. {@code wrong-secret}. */
    public String optionName() {
        return optionName;
    }

    /** The status order-service must answer: 200 for a genuine delivery, 401 or 409 for a corrupt one. */
    public int expectedStatus() {
        return expectedStatus;
    }

    /** The problem {@code code} order-service must answer, or {@code null} for a genuine delivery. */
    public String expectedCode() {
        return expectedCode;
    }

    /** Whether an answer is the kind this delivery calls for: 2xx when genuine, 4xx when corrupt. */
    public boolean isExpected(int status) {
        return this == NONE ? status / 100 == 2 : status / 100 == 4;
    }

    /** The other currency a {@link #CHANGED_CURRENCY} delivery names. */
    static String otherCurrency(String currency) {
        return "USD".equals(currency) ? "EUR" : "USD";
    }

    public static Corruption fromOptionName(String name) {
        for (Corruption corruption : values()) {
            if (corruption.optionName.equals(name)) {
                return corruption;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of " + optionNames());
    }

    /** All option names, comma-separated, for messages and help. */
    public static String optionNames() {
        return Arrays.stream(values()).map(Corruption::optionName).collect(Collectors.joining(", "));
    }
}
