package com.evplatform.device.ocpp.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A failed answer: {@code [4, "<messageId>", "<errorCode>", "<errorDescription>", {errorDetails}]}.
 *
 * <p>Unlike the other frames its id is not limited to 36 characters: OCPP-J (section 4.2.3) answers a
 * CALL whose "unique identifier [is] too long" with a CALLERROR, which has to carry that id back.
 *
 * @param messageId   the id of the CALL it answers
 * @param code        the error code
 * @param description free text, may be empty (never null)
 * @param details     a JSON object, {@code {}} when there are none
 */
public record CallError(String messageId, OcppErrorCode code, String description, JsonNode details)
        implements OcppFrame {

    public static final int TYPE_ID = 4;

    public CallError {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Frames.requireObject(details, "details");
    }

    /** A CALLERROR without details. */
    public static CallError of(String messageId, OcppErrorCode code, String description) {
        return new CallError(messageId, code, description, OcppJson.emptyObject());
    }

    @Override
    public int messageTypeId() {
        return TYPE_ID;
    }
}
