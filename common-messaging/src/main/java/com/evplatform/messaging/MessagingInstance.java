package com.evplatform.messaging;

import java.util.Locale;
import java.util.UUID;

/**
 * This JVM's name among the instances of a service, for queues that belong to one instance
 * (see {@link ConsumerDefinition.Builder#perInstance()}). New at every start: a restarted
 * instance gets a fresh queue, and the old one expires.
 */
public final class MessagingInstance {

    private static final String ID = host() + "-" + UUID.randomUUID().toString().substring(0, 8);

    private MessagingInstance() {
    }

    public static String id() {
        return ID;
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = "local";
        }
        String safe = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return safe.length() > 24 ? safe.substring(0, 24) : safe;
    }
}
