package com.evplatform.paymentprovider;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment the provider made and the delivery of its webhook, as returned by {@link PaymentProvider#succeed} and
 * {@link PaymentProvider#fail}. Redeliver it with {@code provider.resend(payment.event(), n)}.
 *
 * @param event    the event that reported the payment
 * @param delivery the webhook request and its answer
 */
public record Payment(PaymentEvent event, Delivery delivery) {

    public String paymentId() {
        return event.paymentId();
    }

    public String eventId() {
        return event.eventId();
    }

    public String topUpId() {
        return event.topUpId();
    }

    public BigDecimal amount() {
        return event.amount();
    }

    public String currency() {
        return event.currency();
    }

    public Instant occurredAt() {
        return event.occurredAt();
    }

    public boolean succeeded() {
        return event.succeeded();
    }
}
