package com.evplatform.reconciliation.records.model;

import java.time.Instant;

import com.evplatform.contract.Money;

/**
 * Money credited to a wallet. For a top-up, {@code paymentId} is the provider's and
 * {@code paidAt} when the provider took the money (its event's occurredAt).
 */
public record WalletCredit(String entryId, String userId, String type, Money amount, String topUpId,
        String paymentId, Instant creditedAt, Instant paidAt) {

    public static final String TOP_UP = "TOP_UP";
}
