package com.evplatform.reconciliation.records.model;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;

/**
 * An order as order-service reported it. {@code rowId} is the order of arrival here.
 *
 * @param settlements how many settle events (settled or unpaid) arrived: more than one is a second debit
 * @param total null until the order was priced; {@code tariff} and {@code lines} with it
 */
public record BilledOrder(long rowId, String orderId, String sessionId, String operatorCode, String chargePointId,
        Integer transactionId, String status, Money total, EnergyWh energy, Long meterStartWh, Long meterStopWh,
        Instant startedAt, Instant stoppedAt, TariffSnapshot tariff, List<Pricing.SegmentEnergy> lines,
        int settlements) {

    public BilledOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public boolean priced() {
        return total != null;
    }
}
