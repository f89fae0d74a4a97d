package com.evplatform.order.billing.application;

import java.time.Instant;

import com.evplatform.contract.Money;

/** Port: refunds by their caller's reference, each applied once. */
public interface Refunds {

    /** @return false when a refund with this reference exists (nothing written) */
    boolean insert(String reference, String orderId, Money amount, String reason, String by, Instant now);
}
