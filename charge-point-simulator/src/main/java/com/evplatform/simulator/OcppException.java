package com.evplatform.simulator;

/** An incoming CALL the charge point answers with a CALLERROR of the given OCPP-J error code. */
final class OcppException extends RuntimeException {

    private final String errorCode;

    OcppException(String errorCode, String description) {
        super(description, null, false, false);
        this.errorCode = errorCode;
    }

    String errorCode() {
        return errorCode;
    }
}
