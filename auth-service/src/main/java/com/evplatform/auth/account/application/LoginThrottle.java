package com.evplatform.auth.account.application;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed logins per username and per client address. Past a limit, logins for that
 * name or from that address are refused until the counting window ends, whether the password
 * would have been right or not.
 */
public interface LoginThrottle {

    /** @return how long until a login may be tried again, when it may not be now */
    Optional<Duration> blockedFor(String username, String address);

    void failed(String username, String address);

    void succeeded(String username);
}
