package com.evplatform.device.ocpp.protocol;

/**
 * One OCPP-J RPC message (OCPP-J 1.6, section 4): a {@link Call}, the {@link CallResult} that answers
 * it, or the {@link CallError} that answers it instead. Read and written by {@link OcppFrames}.
 */
public sealed interface OcppFrame permits Call, CallResult, CallError {

    /** Longest unique id OCPP-J allows (section 4.1.4: "maximum of 36 characters, to allow for GUIDs"). */
    int MAX_MESSAGE_ID_LENGTH = 36;

    /** The unique id that pairs a CALL with its answer. */
    String messageId();

    /** The message type number on the wire: 2, 3 or 4. */
    int messageTypeId();
}
