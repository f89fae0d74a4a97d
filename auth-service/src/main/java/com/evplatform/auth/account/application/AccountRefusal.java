package com.evplatform.auth.account.application;

import java.time.Duration;

import com.evplatform.auth.account.model.Username;

/**
 * Why an account use case said no. The message is the human explanation; the web edge maps
 * each kind to its HTTP status and API.md code ({@code AccountProblems}).
 *
 * <p>These are expected answers, not faults: no stack trace is captured (a password-guessing
 * run produces many).
 */
public abstract sealed class AccountRefusal extends RuntimeException {

    private AccountRefusal(String message) {
        super(message, null, false, false);
    }

    /** Unknown username or wrong password: the same answer for both. */
    public static final class BadCredentials extends AccountRefusal {
        public BadCredentials() {
            super("Wrong username or password");
        }
    }

    /** Too many failed logins for the name or from the address in the current window. */
    public static final class TooManyAttempts extends AccountRefusal {
        private final Duration retryAfter;

        public TooManyAttempts(Duration retryAfter) {
            super("Too many failed logins; try again later");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Unknown, expired, revoked or already spent, or its account is gone. */
    public static final class InvalidRefreshToken extends AccountRefusal {
        public InvalidRefreshToken() {
            super("The refresh token is not valid");
        }
    }

    public static final class UsernameTaken extends AccountRefusal {
        public UsernameTaken(Username username) {
            super("The username " + username.value() + " is taken");
        }
    }

    public static final class OperatorExists extends AccountRefusal {
        public OperatorExists(String code) {
            super("Operator " + code + " exists already");
        }
    }

    public static final class OperatorNotFound extends AccountRefusal {
        public OperatorNotFound(String code) {
            super("No operator " + code);
        }
    }
}
