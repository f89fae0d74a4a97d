package com.evplatform.device.ocpp.protocol.messages;

/** Authorize (charge point &rarr; central system), OCPP 1.6 sections 6.1 and 6.2. */
public final class Authorize {

    private Authorize() {
    }

    /** @param idTag at most 20 characters, case-insensitive by the specification */
    public record Request(String idTag) implements ChargePointRequest {
    }

    public record Response(IdTagInfo idTagInfo) implements ChargePointResponse {
    }
}
