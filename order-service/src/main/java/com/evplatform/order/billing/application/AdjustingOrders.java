package com.evplatform.order.billing.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.evplatform.contract.Money;
import com.evplatform.messaging.PermanentMessageException;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.reconciliation.contract.ReconciliationEvent;

/**
 * Reconciliation's adjustments (an operator resolved a mismatch with ADJUST), each applied exactly
 * once: the order's total becomes the expected one and the difference is settled with the wallet
 * (at most one ledger entry, keyed by the adjustment id). A repeat of an adjustment id, redelivered
 * or sent again as another message, changes and publishes nothing. Runs in the consumer's
 * transaction; what can never be applied is refused as permanent, so it is dead-lettered with the
 * reason.
 */
@Service
public class AdjustingOrders {

    /** The ledger's reference column and the adjustments table hold ids up to this long. */
    private static final int MAX_ID_LENGTH = 100;

    private final Orders orders;
    private final Adjustments adjustments;
    private final WalletLedger wallets;
    private final BillingEvents events;
    private final Clock clock;

    AdjustingOrders(Orders orders, Adjustments adjustments, WalletLedger wallets, BillingEvents events, Clock clock) {
        this.orders = orders;
        this.adjustments = adjustments;
        this.wallets = wallets;
        this.events = events;
        this.clock = clock;
    }

    void adjustmentRequested(ReconciliationEvent.AdjustmentRequested request) {
        if (request.adjustmentId() == null || request.adjustmentId().isBlank()
                || request.adjustmentId().length() > MAX_ID_LENGTH || request.expectedTotal() == null) {
            throw refused(request, "it needs an adjustment id of at most " + MAX_ID_LENGTH
                    + " characters and an expected total");
        }
        Order found = Optional.ofNullable(request.orderId()).flatMap(orders::byId)
                .orElseThrow(() -> refused(request, "there is no such order"));
        // The wallet first, then the order: every path that changes both takes them in this order.
        Money balance = wallets.lockBalance(found.userId(), found.totalAmount().currency());
        Order order = orders.lock(found.id()).orElseThrow();
        if (!order.priced()) {
            throw refused(request, "the order is still " + order.status() + ": only a priced order can be adjusted");
        }
        if (!request.expectedTotal().currency().equals(order.totalAmount().currency())) {
            throw refused(request, "the expected total " + request.expectedTotal() + " is not in the order's currency "
                    + order.totalAmount().currency());
        }
        if (request.expectedTotal().isNegative()) {
            throw refused(request, "the expected total " + request.expectedTotal() + " is negative");
        }
        Order.Adjusted adjusted = order.adjust(request.expectedTotal(), balance);
        Instant now = clock.instant();
        if (!adjustments.insert(request, adjusted, now)) {
            return; // applied before
        }
        orders.update(adjusted.order());
        Money toWallet = adjusted.toWallet();
        if (!toWallet.isZero()) {
            var posted = wallets.post(order.userId(), WalletLedger.adjustmentKey(request.adjustmentId()),
                    EntryType.ADJUSTMENT, toWallet, order.id(), null, request.adjustmentId());
            if (toWallet.isPositive()) {
                events.publish(new OrderEvent.WalletCredited(order.userId(), posted.entry().id(),
                        EntryType.ADJUSTMENT.name(), toWallet, posted.entry().balanceAfter(), null, null,
                        request.adjustmentId(), now, null));
            }
        }
        events.publish(new OrderEvent.OrderAdjusted(order.id(), order.userId(), request.adjustmentId(),
                adjusted.difference(), adjusted.order().totalAmount(), reason(request), now));
    }

    private static String reason(ReconciliationEvent.AdjustmentRequested request) {
        String kind = request.kind() == null ? "ADJUSTMENT" : request.kind();
        return request.note() == null || request.note().isBlank() ? kind : kind + ": " + request.note();
    }

    private static PermanentMessageException refused(ReconciliationEvent.AdjustmentRequested request, String why) {
        return new PermanentMessageException("adjustment " + request.adjustmentId() + " of order " + request.orderId()
                + " cannot be applied: " + why);
    }
}
