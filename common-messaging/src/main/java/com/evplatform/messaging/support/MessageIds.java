package com.evplatform.messaging.support;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered message ids (UUID version 7, RFC 9562): they sort by creation time, which
 * keeps inbox and outbox indexes append-mostly.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
