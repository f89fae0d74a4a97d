package com.evplatform.charging.session.application;

import java.math.BigDecimal;

import com.evplatform.service.support.refusal.Refusal;

/**
 * Port: what a start asks order-service synchronously, with the driver's own token: may this
 * driver start, and with what balance. Failures are {@link Refusal}: PAYMENT_REQUIRED
 * with order-service's code (INSUFFICIENT_BALANCE, UNPAID_ORDER) and properties, the driver's
 * token refused (401/403), ORDER_SERVICE_REFUSED or ORDER_SERVICE_UNAVAILABLE.
 */
public interface Wallets {

    /** The driver may start; the session stops itself when its cost reaches {@code balance}. */
    record StartAllowance(BigDecimal balance, String currency) {
    }

    StartAllowance check(String userId, String bearerToken);
}
