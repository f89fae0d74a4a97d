package com.evplatform.device.ocpp.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The error codes of a CALLERROR in OCPP-J 1.6 (section 4.2.3). The constant names are the wire
 * names, including the specification's spelling of {@link #OccurenceConstraintViolation}.
 */
public enum OcppErrorCode {
    /** Requested Action is not known by receiver. */
    NotImplemented,
    /** Requested Action is recognized but not supported by the receiver. */
    NotSupported,
    /** An internal error occurred and the receiver was not able to process the requested Action successfully. */
    InternalError,
    /** Payload for Action is incomplete. */
    ProtocolError,
    /** During the processing of Action a security issue occurred preventing receiver from completing the Action successfully. */
    SecurityError,
    /** Payload for Action is syntactically incorrect or not conform the PDU structure for Action. */
    FormationViolation,
    /** Payload is syntactically correct but at least one field contains an invalid value. */
    PropertyConstraintViolation,
    /** Payload for Action is syntactically correct but at least one of the fields violates occurrence constraints. */
    OccurenceConstraintViolation,
    /** Payload for Action is syntactically correct but at least one of the fields violates data type constraints. */
    TypeConstraintViolation,
    /** Any other error not covered by the previous ones. */
    GenericError;

    private static final Map<String, OcppErrorCode> BY_WIRE_NAME = new HashMap<>();

    static {
        for (OcppErrorCode code : values()) {
            BY_WIRE_NAME.put(code.name(), code);
        }
    }

    /** The name as it is written in a CALLERROR frame. */
    public String wireName() {
        return name();
    }

    /**
     * The code for a wire name as received in a CALLERROR; a name this version does not define
     * (a typo, a vendor's own, an OCPP 2.x code) is read as {@link #GenericError} rather than refused,
     * because the error itself must still reach whoever waits for the answer.
     */
    public static OcppErrorCode fromWireName(String wireName) {
        OcppErrorCode code = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        return code == null ? GenericError : code;
    }
}
