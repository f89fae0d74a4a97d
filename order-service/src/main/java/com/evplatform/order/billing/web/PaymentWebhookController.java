package com.evplatform.order.billing.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.order.billing.application.BillingProperties;
import com.evplatform.order.billing.application.Payments;
import com.evplatform.order.billing.application.WebhookSignature;
import com.evplatform.service.support.refusal.Refusal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider's webhook (public, signed): the signature is checked over the raw body
 * before anything in it is believed.
 */
@RestController
class PaymentWebhookController {

    private static final Set<String> TYPES = Set.of("payment.succeeded", "payment.failed");

    private final Payments payments;
    private final BillingProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    PaymentWebhookController(Payments payments, BillingProperties properties, JsonMapper json, Clock clock) {
        this.payments = payments;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(value = "/api/payments/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> receive(@RequestHeader(name = "Payment-Signature", required = false) String signature,
            @RequestBody byte[] body) {
        WebhookSignature.verify(properties.webhookSecret(), signature, body, clock.instant(),
                properties.webhookTolerance());
        Payments.PaymentNotice notice = notice(body);
        for (int attempt = 1;; attempt++) {
            try {
                payments.receive(notice);
                return Map.of("status", "ok");
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                // Two deliveries for one wallet chose each other as deadlock victims: the transaction
                // rolled back whole, so trying again is safe; the provider would resend anyway.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private Payments.PaymentNotice notice(byte[] body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            throw Refusal.invalid("body", "is not JSON");
        }
        String type = text(event, "type");
        if (!TYPES.contains(type)) {
            throw Refusal.invalid("type", "one of " + TYPES);
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text(event, "amount"));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("amount", "is not a decimal");
        }
        Instant occurredAt = null;
        if (event.hasNonNull("occurredAt")) {
            try {
                occurredAt = Instant.parse(event.path("occurredAt").asString());
            } catch (java.time.format.DateTimeParseException e) {
                throw Refusal.invalid("occurredAt", "is not an ISO-8601 instant");
            }
        }
        return new Payments.PaymentNotice(text(event, "eventId"), type, text(event, "paymentId"),
                text(event, "topUpId"), amount, text(event, "currency"), occurredAt);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.path(field);
        if (!value.isString() && !value.isNumber() || value.asString().isBlank()) {
            throw Refusal.invalid(field, "is required");
        }
        return value.asString();
    }
}
