package com.evplatform.messaging.consumer;

import java.time.Duration;

import org.springframework.transaction.TransactionSystemException;

/**
 * A database or broker that is away: nothing a message can be blamed for. Consumers tell it
 * from a failing message and hold back a moment before handing their messages back, so a
 * queue is not spun against a dead dependency.
 */
final class Outage {

    static final Duration PAUSE = Duration.ofSeconds(1);

    private Outage() {
    }

    /** The database is away (no connection, no transaction, or the connection died under it). */
    static boolean ofDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            // A connection lost mid-transaction fails the rollback too, which then hides the first failure.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && ofDatabase(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
