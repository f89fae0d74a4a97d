package com.evplatform.messaging.support;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C {@code traceparent} of the work a thread is doing, so that a message published
 * while handling another carries the same trace id.
 */
public final class TraceContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TraceContext() {
    }

    /** The current traceparent, or a new root one. */
    public static String currentOrNew() {
        String current = CURRENT.get();
        return current != null ? current : newRoot();
    }

    /** A child span of {@code parent} in the same trace, or a new root if it is not valid. */
    public static String childOf(String parent) {
        if (parent == null || parent.length() != 55 || !parent.startsWith("00-")) {
            return newRoot();
        }
        return "00-" + parent.substring(3, 35) + "-" + randomHex(8) + "-" + parent.substring(53);
    }

    public static void set(String traceparent) {
        CURRENT.set(traceparent);
    }

    public static void clear() {
        CURRENT.remove();
    }

    private static String newRoot() {
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
