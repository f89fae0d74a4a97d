package com.evplatform.order.billing.model;

import java.time.Instant;

import com.evplatform.contract.Money;

/**
 * One change to a wallet. {@code key} makes it happen at most once: the order id and entry type,
 * the top-up id, the credit, refund or adjustment reference.
 *
 * @param amount signed: credits positive, debits negative; the balance is the sum of them
 */
public record LedgerEntry(String id, String userId, String key, EntryType type, Money amount, Money balanceAfter,
        String orderId, String topUpId, String reference, Instant createdAt) {
}
