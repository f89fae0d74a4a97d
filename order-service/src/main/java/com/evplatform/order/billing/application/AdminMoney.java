package com.evplatform.order.billing.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.LedgerEntry;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.service.support.refusal.Refusal;

/** Refunds and credits by operators and admins; each is idempotent by the caller's reference. */
@Service
public class AdminMoney {

    /** Who asks: an admin sees every order, an operator only its own stations'. */
    public record Caller(String userId, boolean admin, String operatorCode) {
        boolean sees(Order order) {
            return admin || (operatorCode != null && operatorCode.equals(order.operatorCode()));
        }
    }

    private final Orders orders;
    private final Refunds refunds;
    private final WalletLedger wallets;
    private final BillingEvents events;
    private final BillingProperties properties;
    private final Clock clock;

    AdminMoney(Orders orders, Refunds refunds, WalletLedger wallets, BillingEvents events,
            BillingProperties properties, Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.wallets = wallets;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the order after the refund (or as it is, when the reference was used before) */
    @Transactional
    public Order refund(Caller caller, String orderId, BigDecimal amount, String reason, String reference) {
        Order found = orders.byId(orderId).filter(caller::sees)
                .orElseThrow(() -> Refusal.notFound("ORDER_NOT_FOUND", "No order " + orderId));
        Money money = money(amount, found.totalAmount().currency());
        wallets.lockBalance(found.userId(), money.currency());
        Order order = orders.lock(orderId).orElseThrow();
        Instant now = clock.instant();
        if (!refunds.insert(reference, orderId, money, reason, caller.userId(), now)) {
            return order; // the same refund again
        }
        if (order.refundedAmount().plus(money).compareTo(order.paidAmount()) > 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "REFUND_EXCEEDS_PAID", "Refunds would exceed the "
                    + order.paidAmount() + " paid for this order (" + order.refundedAmount() + " refunded already)");
        }
        Order refunded = order.refund(money);
        orders.update(refunded);
        var posted = wallets.post(order.userId(), WalletLedger.refundKey(reference), EntryType.REFUND, money, orderId,
                null, reference);
        events.publish(new OrderEvent.OrderRefunded(orderId, order.userId(), order.operatorCode(), reference, money,
                refunded.refundedAmount(), reason, now));
        events.publish(new OrderEvent.WalletCredited(order.userId(), posted.entry().id(), EntryType.REFUND.name(),
                money, posted.entry().balanceAfter(), null, null, reference, now, null));
        return refunded;
    }

    @Transactional
    public LedgerEntry credit(String userId, BigDecimal amount, String reference) {
        Money money = money(amount, properties.currency());
        var posted = wallets.post(userId, WalletLedger.creditKey(reference), EntryType.CREDIT, money, null, null,
                reference);
        if (posted.fresh()) {
            events.publish(new OrderEvent.WalletCredited(userId, posted.entry().id(), EntryType.CREDIT.name(), money,
                    posted.entry().balanceAfter(), null, null, reference, clock.instant(), null));
        }
        return posted.entry();
    }

    private static Money money(BigDecimal amount, java.util.Currency currency) {
        if (amount.signum() <= 0) {
            throw Refusal.invalid("amount", "must be positive");
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("amount", "has more decimals than " + currency + " allows");
        }
    }
}
