package com.evplatform.bench;

import java.util.Locale;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * For the device benchmark, which registers its chargers with SQL: prints a {@code {bcrypt}} hash of a
 * password in the form device-service's delegating password encoder reads, and how long one check of it
 * takes against one of the platform's own strength (10), which is what a charger's first handshake costs.
 *
 * <pre>java -cp ... com.evplatform.bench.PasswordHash PASSWORD [STRENGTH]</pre>
 * Output: one line {@code <hash> <ms per check at STRENGTH> <ms per check at 10>}.
 */
public final class PasswordHash {

    private static final int PLATFORM_STRENGTH = 10;

    private PasswordHash() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PasswordHash PASSWORD [STRENGTH]");
            System.exit(2);
        }
        String password = args[0];
        int strength = args.length > 1 ? Integer.parseInt(args[1]) : PLATFORM_STRENGTH;
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(strength);
        String hash = encoder.encode(password);
        double chosen = millisPerCheck(encoder, password, hash);
        BCryptPasswordEncoder platform = new BCryptPasswordEncoder(PLATFORM_STRENGTH);
        double platformMillis = millisPerCheck(platform, password, platform.encode(password));
        System.out.printf(Locale.ROOT, "{bcrypt}%s %.2f %.2f%n", hash, chosen, platformMillis);
    }

    private static double millisPerCheck(BCryptPasswordEncoder encoder, String password, String hash) {
        for (int i = 0; i < 3; i++) {
            encoder.matches(password, hash);
        }
        int rounds = 10;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            if (!encoder.matches(password, hash)) {
                throw new IllegalStateException("hash does not match");
            }
        }
        return (System.nanoTime() - started) / 1e6 / rounds;
    }
}
