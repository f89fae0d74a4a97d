package com.evplatform.reconciliation.records.application;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.order.contract.OrderEvent;

/** A settled or unpaid order: priced and debited (in full or in part) once more. */
public record PricedOrder(String orderId, String sessionId, String userId, String operatorCode,
        String chargePointId, int transactionId, String status, EnergyWh energy, Money total, Money paid,
        Long meterStartWh, Long meterStopWh, Instant startedAt, Instant stoppedAt, TariffSnapshot tariff,
        List<Pricing.SegmentEnergy> lines) {

    public static PricedOrder of(OrderEvent.OrderSettled e) {
        return new PricedOrder(e.orderId(), e.sessionId(), e.userId(), e.operatorCode(), e.chargePointId(),
                e.transactionId(), "SETTLED", e.energyWh(), e.total(), e.paid(), e.meterStartWh(), e.meterStopWh(),
                e.startedAt(), e.stoppedAt(), e.tariff(), e.lines());
    }

    public static PricedOrder of(OrderEvent.OrderUnpaid e) {
        return new PricedOrder(e.orderId(), e.sessionId(), e.userId(), e.operatorCode(), e.chargePointId(),
                e.transactionId(), "UNPAID", e.energyWh(), e.total(), e.paid(), e.meterStartWh(), e.meterStopWh(),
                e.startedAt(), e.stoppedAt(), e.tariff(), e.lines());
    }
}
