package com.evplatform.device.ocpp.protocol.messages;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** StartTransaction (charge point &rarr; central system), OCPP 1.6 sections 6.45 and 6.46. */
public final class StartTransaction {

    private StartTransaction() {
    }

    /**
     * @param connectorId   the connector (&gt; 0)
     * @param meterStart    the meter reading in Wh when the transaction started; the schema sets no
     *                      upper bound, and a register past 2<sup>31</sup>-1 Wh (2.1 GWh, a long-lived
     *                      DC charger) is real, so it is a {@code long}
     * @param reservationId optional: the reservation this transaction ends. The central system does not
     *                      use it; it is a {@code Long} so that no value the schema allows (it sets no
     *                      bound) stops a start from being read and answered
     */
    public record Request(int connectorId, String idTag, long meterStart, Long reservationId, Instant timestamp)
            implements ChargePointRequest {
    }

    /** Written with {@code transactionId} first, as the central system always has. */
    @JsonPropertyOrder({"transactionId", "idTagInfo"})
    public record Response(IdTagInfo idTagInfo, int transactionId) implements ChargePointResponse {
    }
}
