package com.evplatform.order.billing.application;

import java.time.Clock;
import java.util.Currency;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.evplatform.contract.Money;
import com.evplatform.order.billing.model.EntryType;
import com.evplatform.order.billing.model.LedgerEntry;

/**
 * Posts wallet changes, once each: the wallet's row is locked first, so concurrent changes to one
 * wallet queue up and none is lost; an entry whose key exists is not posted again; a debit
 * never takes the balance below zero. Runs inside the caller's transaction.
 */
@Component
public class WalletLedger {

    private final Ledger ledger;
    private final Clock clock;

    WalletLedger(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What a posting did: the entry, and whether it is new (false: its key was posted before). */
    public record Posted(LedgerEntry entry, boolean fresh) {
    }

    public Money lockBalance(String userId, Currency currency) {
        return ledger.lockBalance(userId, currency);
    }

    /**
     * @param amount signed: positive credits, negative debits
     * @throws IllegalStateException when a debit would take the balance below zero
     */
    public Posted post(String userId, String key, EntryType type, Money amount, String orderId, String topUpId,
            String reference) {
        Money balance = ledger.lockBalance(userId, amount.currency());
        var earlier = ledger.byKey(key);
        if (earlier.isPresent()) {
            return new Posted(earlier.get(), false);
        }
        Money after = balance.plus(amount);
        if (after.isNegative()) {
            throw new IllegalStateException("wallet of " + userId + " holds " + balance + ", cannot post " + amount);
        }
        var entry = new LedgerEntry(UUID.randomUUID().toString(), userId, key, type, amount, after, orderId, topUpId,
                reference, clock.instant());
        ledger.append(entry);
        return new Posted(entry, true);
    }

    public static String settlementKey(String orderId) {
        return "order:" + orderId + ":SETTLEMENT";
    }

    public static String paymentKey(String orderId, String topUpId) {
        return "order:" + orderId + ":PAYMENT:" + topUpId;
    }

    public static String topUpKey(String topUpId) {
        return "top-up:" + topUpId;
    }

    public static String creditKey(String reference) {
        return "credit:" + reference;
    }

    public static String refundKey(String reference) {
        return "refund:" + reference;
    }

    public static String adjustmentKey(String adjustmentId) {
        return "adjustment:" + adjustmentId;
    }
}
