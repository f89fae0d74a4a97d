package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;

/** Heartbeat (charge point &rarr; central system), OCPP 1.6 sections 6.29 and 6.30. */
public final class Heartbeat {

    private Heartbeat() {
    }

    /** No fields. */
    public record Request() implements ChargePointRequest {
    }

    public record Response(Instant currentTime) implements ChargePointResponse {
    }
}
