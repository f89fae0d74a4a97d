package com.evplatform.messaging;

/** A message that cannot succeed however often it is retried: it goes to the dead letters at once. */
public class PermanentMessageException extends RuntimeException {

    public PermanentMessageException(String message) {
        super(message);
    }

    public PermanentMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
