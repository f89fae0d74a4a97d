package com.evplatform.order.billing.web;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.LedgerEntry;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.TopUp;

/** Orders, ledger entries and top-ups as API.md shows them: money as decimal strings. */
final class Views {

    private Views() {
    }

    record OrderView(String orderId, String sessionId, String userId, String status, String connectorCode,
            String chargePointId, int connectorId, int transactionId, String operatorCode, Instant startedAt,
            Instant stoppedAt, long energyWh, String electricityAmount, String serviceAmount, String totalAmount,
            String paidAmount, String amountDue, String refundedAmount, String currency, TariffSnapshot tariff,
            List<Pricing.SegmentEnergy> lines, String stopReason) {
    }

    record EntryView(String entryId, String type, String amount, String balanceAfter, String orderId,
            String topUpId, String reference, Instant createdAt) {
    }

    record TopUpView(String topUpId, String status, String amount, String currency, String paymentId) {
    }

    static OrderView order(Order o) {
        return new OrderView(o.id(), o.sessionId(), o.userId(), o.status().name(), o.connectorCode(),
                o.chargePointId(), o.connectorId(), o.transactionId(), o.operatorCode(), o.startedAt(), o.stoppedAt(),
                o.energyWh(), text(o.electricityAmount()), text(o.serviceAmount()), text(o.totalAmount()),
                text(o.paidAmount()), text(o.amountDue()), text(o.refundedAmount()),
                o.totalAmount().currency().getCurrencyCode(), o.tariff(), o.lines(), o.stopReason());
    }

    static EntryView entry(LedgerEntry e) {
        return new EntryView(e.id(), e.type().name(), text(e.amount()), text(e.balanceAfter()), e.orderId(),
                e.topUpId(), e.reference(), e.createdAt());
    }

    static TopUpView topUp(TopUp t) {
        return new TopUpView(t.id(), t.status().name(), text(t.amount()), t.amount().currency().getCurrencyCode(),
                t.paymentId());
    }

    static String text(Money money) {
        return money.amount().toPlainString();
    }
}
