package com.evplatform.reconciliation.runs.model;

import java.time.Instant;

import com.evplatform.contract.Money;

/** One payment in the provider's statement ({@code paymentId,topUpId,amount,currency,paidAt}). */
public record StatementLine(int lineNo, String paymentId, String topUpId, Money amount, Instant paidAt) {
}
