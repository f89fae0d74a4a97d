package com.evplatform.order.billing.application;

import java.util.List;

import org.springframework.stereotype.Service;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.LedgerEntry;
import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.OrderStatus;
import com.evplatform.service.support.refusal.Refusal;

/** What drivers and operators read: orders, wallets, ledgers; and the check before a session starts. */
@Service
public class WalletQueries {

    public record Wallet(Money balance, Money unpaid, List<LedgerEntry> entries) {
    }

    private final Orders orders;
    private final Ledger ledger;
    private final BillingProperties properties;

    WalletQueries(Orders orders, Ledger ledger, BillingProperties properties) {
        this.orders = orders;
        this.ledger = ledger;
        this.properties = properties;
    }

    public Wallet wallet(String userId) {
        Money balance = ledger.balance(userId, properties.currency());
        return new Wallet(balance, orders.owed(userId, Money.zero(properties.currency())),
                ledger.entries(userId, 0, 20).items());
    }

    public Page<LedgerEntry> entries(String userId, int page, int size) {
        return ledger.entries(userId, page, size);
    }

    public Order orderOf(String userId, String orderId) {
        return orders.byId(orderId).filter(order -> order.userId().equals(userId))
                .orElseThrow(() -> Refusal.notFound("ORDER_NOT_FOUND", "No order " + orderId));
    }

    public Page<Order> ordersOf(String userId, OrderStatus status, String sessionId, int page, int size) {
        return orders.ofUser(userId, status, sessionId, page, size);
    }

    public Page<Order> search(AdminMoney.Caller caller, OrderStatus status, String operatorCode,
            java.time.Instant from, java.time.Instant to, int page, int size) {
        String scope = caller.admin() ? operatorCode : caller.operatorCode();
        if (!caller.admin() && (scope == null || (operatorCode != null && !operatorCode.equals(scope)))) {
            return new Page<>(List.of(), 0);
        }
        return orders.search(status, scope, from, to, page, size);
    }

    /**
     * May this driver start a session? 402 UNPAID_ORDER while an order is owed, 402
     * INSUFFICIENT_BALANCE below the minimum; otherwise the balance the session starts with.
     */
    public Money startCheck(String userId) {
        if (orders.owes(userId)) {
            throw new Refusal(Refusal.Kind.PAYMENT_REQUIRED, "UNPAID_ORDER",
                    "Pay your unpaid order before starting a new session")
                    .with("unpaidAmount", orders.owed(userId, Money.zero(properties.currency())).amount()
                            .toPlainString());
        }
        Money balance = ledger.balance(userId, properties.currency());
        Money minimum = Money.of(properties.minStartBalance(), properties.currency());
        if (balance.compareTo(minimum) < 0) {
            throw new Refusal(Refusal.Kind.PAYMENT_REQUIRED, "INSUFFICIENT_BALANCE",
                    "Your balance " + balance + " is below the " + minimum + " needed to start")
                    .with("balance", balance.amount().toPlainString())
                    .with("minimum", minimum.amount().toPlainString());
        }
        return balance;
    }
}
