package com.evplatform.e2e;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Addresses of this machine of a test's own: Linux routes all of 127.0.0.0/8 to loopback, so a
 * client bound to a random one is a client of its own for per-address limits (failed logins),
 * and reruns within a throttling window start afresh.
 */
public final class LoopbackClients {

    private LoopbackClients() {
    }

    public static InetAddress random() {
        var random = ThreadLocalRandom.current();
        try {
            return InetAddress.getByName("127." + random.nextInt(1, 255) + "." + random.nextInt(256) + "."
                    + random.nextInt(1, 255));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
