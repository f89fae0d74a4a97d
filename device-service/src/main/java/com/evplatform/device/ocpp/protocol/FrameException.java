package com.evplatform.device.ocpp.protocol;

/**
 * A text that is not a well-formed OCPP-J message, with the error code to answer it with.
 *
 * <p>Whether to answer at all is {@link #answerable()}: only a recognisable CALL whose id could be
 * read gets a CALLERROR. A broken CALLRESULT or CALLERROR is never answered (an answer to an answer
 * pairs with nothing), nor a text whose id could not be read, nor, as OCPP-J 1.6 section 4.1.3
 * requires ("it SHALL ignore the message payload"), a message of an unknown type number.
 */
public final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final OcppErrorCode code;
    private final String messageId;
    private final Integer messageTypeId;

    FrameException(OcppErrorCode code, String messageId, Integer messageTypeId, String message) {
        this(code, messageId, messageTypeId, message, null);
    }

    FrameException(OcppErrorCode code, String messageId, Integer messageTypeId, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.messageId = messageId;
        this.messageTypeId = messageTypeId;
    }

    /** The code a CALLERROR answering this text carries. */
    public OcppErrorCode code() {
        return code;
    }

    /** The unique id, if the second element of the array was a string, else {@code null}. */
    public String messageId() {
        return messageId;
    }

    /** The message type number, if the first element of the array was an integer, else {@code null}. */
    public Integer messageTypeId() {
        return messageTypeId;
    }

    /** Whether a CALLERROR with {@link #code()} and {@link #messageId()} should be sent back. */
    public boolean answerable() {
        return messageId != null && messageTypeId != null && messageTypeId == Call.TYPE_ID;
    }

    /** The CALLERROR that answers this text; only meaningful when {@link #answerable()}. */
    public CallError toCallError() {
        if (!answerable()) {
            throw new IllegalStateException("This frame must not be answered: " + getMessage());
        }
        return CallError.of(messageId, code, getMessage());
    }
}
