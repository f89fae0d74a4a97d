package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;
import java.util.List;

/** StopTransaction (charge point &rarr; central system), OCPP 1.6 sections 6.49 and 6.50. */
public final class StopTransaction {

    private StopTransaction() {
    }

    /**
     * @param idTag           optional: who stopped it
     * @param meterStop       the meter reading in Wh when the transaction stopped; a {@code long}, as
     *                        {@link StartTransaction.Request#meterStart()}
     * @param reason          optional; absent means {@link Reason#Local}
     * @param transactionData optional: meter values for billing
     */
    public record Request(String idTag, long meterStop, Instant timestamp, int transactionId, Reason reason,
                          List<MeterValue> transactionData) implements ChargePointRequest {

        public Reason reasonOrDefault() {
            return reason == null ? Reason.Local : reason;
        }
    }

    /** @param idTagInfo optional: only when the request had an idTag */
    public record Response(IdTagInfo idTagInfo) implements ChargePointResponse {
    }
}
