package com.evplatform.order.billing.application;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * order-service's own settings ({@code platform.order.*}).
 *
 * @param currency the platform's wallet currency
 * @param minStartBalance below this (strictly) a driver cannot start charging
 * @param reminderDelays after each of these an unpaid order gets a payment reminder
 * @param paymentDeadline an order still unpaid this long after pricing becomes OVERDUE
 * @param webhookSecret the payment provider's shared HMAC secret ({@code PAYMENT_WEBHOOK_SECRET})
 * @param webhookTolerance how far a webhook's signed time may be from now
 */
@ConfigurationProperties("platform.order")
public record BillingProperties(Currency currency, BigDecimal minStartBalance, List<Duration> reminderDelays,
        Duration paymentDeadline, String webhookSecret, Duration webhookTolerance, BigDecimal minTopUp,
        BigDecimal maxTopUp) {
}
