package com.evplatform.order.billing.model;

import java.time.Instant;

import com.evplatform.contract.Money;

/** A driver's request to put money in the wallet; the payment provider reports the outcome by webhook. */
public record TopUp(String id, String userId, Money amount, Status status, String paymentId, Instant createdAt) {

    public enum Status { PENDING, SUCCEEDED, FAILED }
}
