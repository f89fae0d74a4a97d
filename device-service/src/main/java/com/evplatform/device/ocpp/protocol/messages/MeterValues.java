package com.evplatform.device.ocpp.protocol.messages;

import java.util.List;

/** MeterValues (charge point &rarr; central system), OCPP 1.6 sections 6.31 and 6.32. */
public final class MeterValues {

    private MeterValues() {
    }

    /**
     * @param connectorId   0 for the main meter
     * @param transactionId optional: the transaction the samples belong to
     */
    public record Request(int connectorId, Integer transactionId, List<MeterValue> meterValue)
            implements ChargePointRequest {
    }

    /** No fields. */
    public record Response() implements ChargePointResponse {
    }
}
