package com.evplatform.paymentprovider;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One webhook event of the payment provider, as the public API contract defines its body:
 * {@code {eventId, type, paymentId, topUpId, amount, currency, occurredAt}} with the amount a decimal string and
 * {@code occurredAt} ISO-8601 UTC with {@code Z}.
 *
 * <p>Values are taken as given, so that a test can send what a receiver must refuse; only the amount is padded
 * (never rounded) to the currency's minor unit, so {@code 50} is sent as {@code "50.00"} for CNY, and
 * {@code occurredAt} is cut to milliseconds, the precision the statement repeats.
 *
 * @param eventId    unique per event; a redelivery of the same event keeps it
 * @param type       succeeded or failed
 * @param paymentId  the provider's payment; every event about one payment carries it
 * @param topUpId    the platform's top-up that was paid
 * @param amount     what was paid
 * @param currency   ISO 4217 code, e.g. {@code CNY}
 * @param occurredAt when the provider settled (or failed) the payment
 */
public record PaymentEvent(String eventId, Type type, String paymentId, String topUpId, BigDecimal amount,
        String currency, Instant occurredAt) {

    /** The event types of the contract, with their names on the wire. */
    public enum Type {
        SUCCEEDED("payment.succeeded"),
        FAILED("payment.failed");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Type fromWireName(String wireName) {
            for (Type type : values()) {
                if (type.wireName.equals(wireName)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("not a payment event type: " + wireName);
        }
    }

    public PaymentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(topUpId, "topUpId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(occurredAt, "occurredAt");
        amount = atLeastMinorUnit(amount, currency);
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new event about a new payment, with fresh ids. */
    public static PaymentEvent create(Type type, String topUpId, BigDecimal amount, String currency,
            Instant occurredAt) {
        return new PaymentEvent(newEventId(), type, newPaymentId(), topUpId, amount, currency, occurredAt);
    }

    /** A fresh event id: {@code evt_} and 32 hex digits. */
    public static String newEventId() {
        return "evt_" + randomHex();
    }

    /** A fresh payment id: {@code pay_} and 32 hex digits. */
    public static String newPaymentId() {
        return "pay_" + randomHex();
    }

    public boolean succeeded() {
        return type == Type.SUCCEEDED;
    }

    /** The same payment reported by another event: a new event id, everything else kept. */
    public PaymentEvent withNewEventId() {
        return withEventId(newEventId());
    }

    public PaymentEvent withEventId(String newEventId) {
        return new PaymentEvent(newEventId, type, paymentId, topUpId, amount, currency, occurredAt);
    }

    public PaymentEvent withType(Type newType) {
        return new PaymentEvent(eventId, newType, paymentId, topUpId, amount, currency, occurredAt);
    }

    public PaymentEvent withAmount(BigDecimal newAmount) {
        return new PaymentEvent(eventId, type, paymentId, topUpId, newAmount, currency, occurredAt);
    }

    public PaymentEvent withCurrency(String newCurrency) {
        return new PaymentEvent(eventId, type, paymentId, topUpId, amount, newCurrency, occurredAt);
    }

    public PaymentEvent withOccurredAt(Instant newOccurredAt) {
        return new PaymentEvent(eventId, type, paymentId, topUpId, amount, currency, newOccurredAt);
    }

    /** The webhook body, fields in the contract's order. */
    public String toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("eventId", eventId);
        body.put("type", type.wireName());
        body.put("paymentId", paymentId);
        body.put("topUpId", topUpId);
        body.put("amount", amount.toPlainString());
        body.put("currency", currency);
        body.put("occurredAt", occurredAt.toString());
        return Json.MAPPER.writeValueAsString(body);
    }

    /** Reads a webhook body; unknown fields are ignored, a missing or malformed one is an IllegalArgumentException. */
    public static PaymentEvent fromJson(String json) {
        JsonNode body = Json.read(json);
        try {
            return new PaymentEvent(Json.text(body, "eventId"), Type.fromWireName(Json.text(body, "type")),
                    Json.text(body, "paymentId"), Json.text(body, "topUpId"), new BigDecimal(Json.text(body, "amount")),
                    Json.text(body, "currency"), Instant.parse(Json.text(body, "occurredAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a payment event: " + e.getMessage(), e);
        }
    }

    private static BigDecimal atLeastMinorUnit(BigDecimal amount, String currency) {
        int minorDigits;
        try {
            minorDigits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknownCurrency) {
            return amount;
        }
        return amount.scale() < minorDigits ? amount.setScale(minorDigits) : amount;
    }

    private static String randomHex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
