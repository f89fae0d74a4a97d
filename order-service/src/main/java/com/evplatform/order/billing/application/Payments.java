package com.evplatform.order.billing.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.TopUp;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.service.support.refusal.Refusal;

/**
 * Top-ups and the provider's reports of them. A succeeded payment credits the wallet once (the
 * provider event, the payment and the top-up are each applied once, whatever is resent or
 * reordered), then pays the driver's unpaid orders, oldest first.
 */
@Service
public class Payments {

    /** What the provider reports, after its signature was checked. */
    public record PaymentNotice(String eventId, String type, String paymentId, String topUpId, BigDecimal amount,
            String currency, Instant occurredAt) {
    }

    private final TopUps topUps;
    private final Ledger ledger;
    private final Orders orders;
    private final WalletLedger wallets;
    private final BillingEvents events;
    private final BillingProperties properties;
    private final Clock clock;

    Payments(TopUps topUps, Ledger ledger, Orders orders, WalletLedger wallets, BillingEvents events,
            BillingProperties properties, Clock clock) {
        this.topUps = topUps;
        this.ledger = ledger;
        this.orders = orders;
        this.wallets = wallets;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public TopUp requestTopUp(String userId, BigDecimal amount) {
        if (amount.compareTo(properties.minTopUp()) < 0 || amount.compareTo(properties.maxTopUp()) > 0) {
            throw Refusal.invalid("amount", "must be between " + properties.minTopUp() + " and "
                    + properties.maxTopUp());
        }
        Money money;
        try {
            money = Money.of(amount, properties.currency());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("amount", "has more decimals than " + properties.currency() + " allows");
        }
        TopUp topUp = new TopUp(UUID.randomUUID().toString(), userId, money, TopUp.Status.PENDING, null,
                clock.instant());
        topUps.insert(topUp);
        ledger.open(userId, properties.currency()); // so that concurrent deliveries only ever lock an existing row
        return topUp;
    }

    public TopUp topUpOf(String userId, String topUpId) {
        return topUps.byId(topUpId).filter(t -> t.userId().equals(userId))
                .orElseThrow(() -> Refusal.notFound("TOP_UP_NOT_FOUND", "No top-up " + topUpId));
    }

    /** @throws Refusal 404 TOP_UP_NOT_FOUND, 409 AMOUNT_MISMATCH (and then nothing changed) */
    @Transactional
    public void receive(PaymentNotice notice) {
        TopUp pending = topUps.byId(notice.topUpId())
                .orElseThrow(() -> Refusal.notFound("TOP_UP_NOT_FOUND", "No top-up " + notice.topUpId()));
        // The wallet first, then the top-up and the orders: the lock order of every money path.
        wallets.lockBalance(pending.userId(), pending.amount().currency());
        TopUp topUp = topUps.lock(notice.topUpId()).orElseThrow();
        Money amount;
        try {
            amount = Money.of(notice.amount(), java.util.Currency.getInstance(notice.currency()));
        } catch (IllegalArgumentException e) {
            throw mismatch(topUp);
        }
        if (!amount.equals(topUp.amount())) {
            throw mismatch(topUp);
        }
        Instant now = clock.instant();
        if (!topUps.firstTimeSeen(notice.eventId(), notice.paymentId(), topUp.id(), notice.type(),
                notice.occurredAt(), now) || topUp.status() != TopUp.Status.PENDING) {
            return; // this event, or this top-up's outcome, was applied before
        }
        if ("payment.failed".equals(notice.type())) {
            topUps.update(new TopUp(topUp.id(), topUp.userId(), topUp.amount(), TopUp.Status.FAILED,
                    notice.paymentId(), topUp.createdAt()), now);
            return;
        }
        topUps.update(new TopUp(topUp.id(), topUp.userId(), topUp.amount(), TopUp.Status.SUCCEEDED,
                notice.paymentId(), topUp.createdAt()), now);
        var posted = wallets.post(topUp.userId(), WalletLedger.topUpKey(topUp.id()), EntryType.TOP_UP, amount, null,
                topUp.id(), notice.paymentId());
        if (posted.fresh()) {
            events.publish(new OrderEvent.WalletCredited(topUp.userId(), posted.entry().id(), EntryType.TOP_UP.name(),
                    amount, posted.entry().balanceAfter(), topUp.id(), notice.paymentId(), null, now,
                    notice.occurredAt()));
            payOwing(topUp.userId(), topUp.id());
        }
    }

    /** Pays the orders with money due from the wallet, oldest first, as far as the balance goes. */
    private void payOwing(String userId, String topUpId) {
        for (Order order : orders.lockOwing(userId)) {
            Money balance = wallets.lockBalance(userId, order.amountDue().currency());
            Money pay = balance.min(order.amountDue());
            if (!pay.isPositive()) {
                return;
            }
            wallets.post(userId, WalletLedger.paymentKey(order.id(), topUpId), EntryType.PAYMENT, pay.negated(),
                    order.id(), topUpId, null);
            Order paid = order.pay(pay);
            orders.update(paid);
            events.publish(new OrderEvent.OrderPaid(paid.id(), userId, pay, paid.amountDue(), topUpId,
                    clock.instant()));
        }
    }

    private static Refusal mismatch(TopUp topUp) {
        return new Refusal(Refusal.Kind.CONFLICT, "AMOUNT_MISMATCH",
                "The payment's amount or currency differs from the top-up's " + topUp.amount());
    }
}
