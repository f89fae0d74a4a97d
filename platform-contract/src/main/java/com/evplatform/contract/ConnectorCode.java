package com.evplatform.contract;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stable, printable code of one connector (what its QR sticker carries), e.g.
 * {@code CP-0001-1}: the charge point id, a dash, the connector number. On the wire a string.
 */
public record ConnectorCode(@JsonValue String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,36}-[1-9][0-9]{0,2}");

    public ConnectorCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a connector code (<chargePointId>-<connector>): " + value);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ConnectorCode of(String value) {
        return new ConnectorCode(value);
    }

    public static ConnectorCode of(String chargePointId, int connectorId) {
        return new ConnectorCode(chargePointId + "-" + connectorId);
    }

    @Override
    public String toString() {
        return value;
    }
}
