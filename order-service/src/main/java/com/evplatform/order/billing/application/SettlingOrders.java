package com.evplatform.order.billing.application;

import java.time.Clock;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.contract.OrderEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Orders from charging-service's session events (each call runs in a consumer's transaction,
 * once per message). Exactly one order per session: the session id is unique, a completed
 * session whose started event has not arrived opens its order itself, and an order is priced
 * and debited once (a unique ledger key per order and entry type).
 *
 * <p>{@code orders.settlements} counts the priced orders by outcome once their transaction has
 * committed: SETTLED (the wallet paid it all) or UNPAID (some is due).
 */
@Service
public class SettlingOrders {

    private static final Logger log = LoggerFactory.getLogger(SettlingOrders.class);

    private final Orders orders;
    private final WalletLedger wallets;
    private final BillingEvents events;
    private final UnpaidOrders unpaid;
    private final Clock clock;
    private final Counter settled;
    private final Counter leftUnpaid;

    SettlingOrders(Orders orders, WalletLedger wallets, BillingEvents events, UnpaidOrders unpaid, Clock clock,
            MeterRegistry meters) {
        this.orders = orders;
        this.wallets = wallets;
        this.events = events;
        this.unpaid = unpaid;
        this.clock = clock;
        this.settled = meters.counter("orders.settlements", "outcome", "SETTLED");
        this.leftUnpaid = meters.counter("orders.settlements", "outcome", "UNPAID");
    }

    void sessionStarted(SessionEvent.SessionStarted started) {
        // The wallet first, then the order: every path that changes both takes them in this order.
        wallets.lockBalance(started.userId(), Currency.getInstance(started.tariff().currency()));
        open(Order.open(UUID.randomUUID().toString(), started.sessionId(), started.userId(), started.operatorCode(),
                started.connectorCode().value(), started.chargePointId(), started.connectorId(),
                started.transactionId(), started.startedAt(), started.meterStartWh(), started.tariff(),
                clock.instant()));
    }

    void sessionCompleted(SessionEvent.SessionCompleted completed) {
        // The wallet first, then the order: every path that changes both takes them in this order.
        Currency currency = Currency.getInstance(completed.tariff().currency());
        wallets.lockBalance(completed.userId(), currency);
        Order order = orders.bySession(completed.sessionId()).orElseGet(() -> open(Order.open(
                UUID.randomUUID().toString(), completed.sessionId(), completed.userId(), completed.operatorCode(),
                completed.connectorCode().value(), completed.chargePointId(), completed.connectorId(),
                completed.transactionId(), completed.startedAt(), completed.meterStartWh(), completed.tariff(),
                clock.instant())));
        order = orders.lock(order.id()).orElseThrow();
        if (order.priced()) {
            return; // the same completion again
        }
        Pricing.Bill bill = Pricing.reprice(order.tariff(), completed.segments());
        long reported = completed.meterStopWh() - completed.meterStartWh();
        if (bill.energy().wh() != Math.max(0, reported) || !bill.total().equals(completed.total())) {
            log.warn("session {}: charging-service reported {} Wh and {}, the order's own pricing gives {} Wh and {}",
                    completed.sessionId(), reported, completed.total(), bill.energy(), bill.total());
        }
        Order priced = order.price(bill, completed.meterStopWh(), completed.stoppedAt(),
                completed.stopReason().name(), clock.instant());
        settle(priced);
    }

    /** Debits what the wallet holds, up to the total; the rest is due and the order UNPAID. */
    private void settle(Order order) {
        Money balance = wallets.lockBalance(order.userId(), order.amountDue().currency());
        Money debit = balance.min(order.amountDue());
        if (debit.isPositive()) {
            wallets.post(order.userId(), WalletLedger.settlementKey(order.id()), EntryType.SETTLEMENT,
                    debit.negated(), order.id(), null, null);
        }
        Order settled = order.pay(debit);
        orders.update(settled);
        EnergyWh energy = EnergyWh.of(settled.energyWh());
        countOnCommit(settled.amountDue().isZero() ? this.settled : leftUnpaid);
        if (settled.amountDue().isZero()) {
            events.publish(new OrderEvent.OrderSettled(settled.id(), settled.sessionId(), settled.userId(),
                    settled.operatorCode(), settled.chargePointId(), settled.transactionId(), energy,
                    settled.totalAmount(), settled.paidAmount(), clock.instant(), settled.meterStartWh(),
                    settled.meterStopWh(), settled.startedAt(), settled.stoppedAt(), settled.tariff(),
                    settled.lines()));
        } else {
            events.publish(new OrderEvent.OrderUnpaid(settled.id(), settled.sessionId(), settled.userId(),
                    settled.operatorCode(), settled.chargePointId(), settled.transactionId(), energy,
                    settled.totalAmount(), settled.paidAmount(), settled.amountDue(), clock.instant(),
                    settled.meterStartWh(), settled.meterStopWh(), settled.startedAt(), settled.stoppedAt(),
                    settled.tariff(), settled.lines()));
            unpaid.startTimers(settled);
        }
    }

    private static void countOnCommit(Counter outcome) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                outcome.increment();
            }
        });
    }

    private Order open(Order order) {
        if (!orders.insert(order)) {
            Optional<Order> existing = orders.bySession(order.sessionId());
            return existing.orElseThrow();
        }
        events.publish(new OrderEvent.OrderOpened(order.id(), order.sessionId(), order.userId(),
                order.operatorCode(), order.chargePointId(), order.connectorId(), order.transactionId(),
                order.startedAt()));
        return order;
    }
}
