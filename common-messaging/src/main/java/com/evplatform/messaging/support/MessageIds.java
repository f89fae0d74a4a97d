package com.evplatform.messaging.support;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered message ids (UUID version 7, RFC 9562). Within one JVM they also increase
 * strictly: the 12 bits after the millisecond timestamp count ids of the same millisecond
 * (the RFC's "fixed bit-length dedicated counter"), so ids sort in creation order and keep
 * inbox and outbox indexes append-mostly.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COUNTER_LIMIT = 1 << 12;

    private static long lastMillis;
    private static int counter;

    private MessageIds() {
    }

    public static UUID next() {
        long millis;
        int sequence;
        synchronized (MessageIds.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = RANDOM.nextInt(COUNTER_LIMIT / 2);
            } else if (++counter >= COUNTER_LIMIT) {
                // 4096 ids in one millisecond: borrow the next millisecond.
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        long msb = (millis << 16) | 0x7000L | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
