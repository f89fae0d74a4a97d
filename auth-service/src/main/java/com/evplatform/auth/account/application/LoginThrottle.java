package com.evplatform.auth.account.application;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts login attempts per username and per client address. Every attempt is counted before
 * its password is checked, so guesses sent in parallel cannot get past the limit while the
 * first ones are still being checked. Past a limit, logins for that name or from that address
 * are refused until the counting window ends, whether the password would have been right or not.
 */
public interface LoginThrottle {

    /**
     * Counts one attempt for the name and the address.
     *
     * @return how long until a login may be tried again, when this one may not be
     */
    Optional<Duration> attempt(String username, String address);

    /** The password was right: the name's failures are forgotten and the address gets its attempt back. */
    void succeeded(String username, String address);
}
