package com.evplatform.device.ocpp.protocol;

import java.util.Objects;

/**
 * One way in which a payload fails its OCPP 1.6 JSON schema.
 *
 * @param code    the OCPP-J error code a CALLERROR for this violation carries
 * @param path    where in the payload, as a JSON Pointer (RFC 6901): {@code ""} is the payload itself,
 *                {@code /meterValue/0/sampledValue/1/unit} a nested field; for a missing or an
 *                unexpected property it names that property
 * @param message a human-readable explanation (English), short enough for a CALLERROR description
 */
public record SchemaViolation(OcppErrorCode code, String path, String message) {

    public SchemaViolation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
