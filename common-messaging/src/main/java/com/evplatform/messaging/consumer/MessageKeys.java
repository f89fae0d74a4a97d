package com.evplatform.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Message ids as the tables store them: 36 characters, so a foreign id never fails an insert. */
final class MessageKeys {

    static final int LENGTH = 36;

    private MessageKeys() {
    }

    /** The id itself when it fits, else a stable digest of it. */
    static String fit(String messageId) {
        if (messageId.length() <= LENGTH) {
            return messageId;
        }
        return digest(messageId.getBytes(StandardCharsets.UTF_8));
    }

    /** A stable 36-character id for bytes that carry none. */
    static String digest(byte[] bytes) {
        try {
            return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, LENGTH - 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
