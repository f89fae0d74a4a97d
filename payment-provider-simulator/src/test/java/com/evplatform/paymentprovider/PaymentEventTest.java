package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PaymentEventTest {

    private static final Instant AT = Instant.parse("2025-03-01T08:30:00.123456Z");

    private final PaymentEvent event = new PaymentEvent("evt_1", PaymentEvent.Type.SUCCEEDED, "pay_1", "TU-1",
            new BigDecimal("50.00"), "CNY", AT);

    @Test
    void serialisesTheContractsFieldsInOrderWithMoneyAsAString() {
        assertThat(event.toJson()).isEqualTo("{\"eventId\":\"evt_1\",\"type\":\"payment.succeeded\","
                + "\"paymentId\":\"pay_1\",\"topUpId\":\"TU-1\",\"amount\":\"50.00\",\"currency\":\"CNY\","
                + "\"occurredAt\":\"2025-03-01T08:30:00.123Z\"}");
        assertThat(event.withType(PaymentEvent.Type.FAILED).toJson()).contains("\"type\":\"payment.failed\"");
    }

    @Test
    void readsItsOwnJsonBack() {
        assertThat(PaymentEvent.fromJson(event.toJson())).isEqualTo(event);
        assertThat(PaymentEvent.fromJson(event.withType(PaymentEvent.Type.FAILED).toJson()).succeeded()).isFalse();
    }

    @Test
    void readingIgnoresUnknownFieldsAndRefusesMissingOrMalformedOnes() {
        String withExtra = event.toJson().replace("{", "{\"extra\":1,");

        assertThat(PaymentEvent.fromJson(withExtra)).isEqualTo(event);
        assertThatThrownBy(() -> PaymentEvent.fromJson(event.toJson().replace("\"eventId\":\"evt_1\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> PaymentEvent.fromJson(event.toJson().replace("payment.succeeded", "payment.maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payment.maybe");
        assertThatThrownBy(() -> PaymentEvent.fromJson(event.toJson().replace("\"50.00\"", "50.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> PaymentEvent.fromJson("{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void padsTheAmountToTheCurrencysMinorUnitButNeverRounds() {
        assertThat(event.withAmount(new BigDecimal("50")).amount().toPlainString()).isEqualTo("50.00");
        assertThat(event.withAmount(new BigDecimal("50.5")).amount().toPlainString()).isEqualTo("50.50");
        assertThat(event.withAmount(new BigDecimal("50.005")).amount().toPlainString()).isEqualTo("50.005");
        assertThat(event.withCurrency("JPY").withAmount(new BigDecimal("500")).amount().toPlainString())
                .isEqualTo("500");
        assertThat(event.withCurrency("ZZZ").withAmount(new BigDecimal("7")).amount().toPlainString()).isEqualTo("7");
    }

    @Test
    void keepsMillisecondsOfTheTimeOnly() {
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-03-01T08:30:00.123Z"));
        assertThat(event.withOccurredAt(Instant.parse("2025-03-01T08:30:00Z")).toJson())
                .contains("\"occurredAt\":\"2025-03-01T08:30:00Z\"");
    }

    @Test
    void createdEventsHaveFreshIds() {
        PaymentEvent first = PaymentEvent.create(PaymentEvent.Type.SUCCEEDED, "TU-1", BigDecimal.TEN, "CNY", AT);
        PaymentEvent second = PaymentEvent.create(PaymentEvent.Type.SUCCEEDED, "TU-1", BigDecimal.TEN, "CNY", AT);

        assertThat(first.eventId()).startsWith("evt_").hasSize(36).isNotEqualTo(second.eventId());
        assertThat(first.paymentId()).startsWith("pay_").hasSize(36).isNotEqualTo(second.paymentId());
    }

    @Test
    void anotherEventOfTheSamePaymentKeepsThePayment() {
        PaymentEvent again = event.withNewEventId();

        assertThat(again.eventId()).isNotEqualTo(event.eventId());
        assertThat(again.withEventId("evt_1")).isEqualTo(event);
    }
}
