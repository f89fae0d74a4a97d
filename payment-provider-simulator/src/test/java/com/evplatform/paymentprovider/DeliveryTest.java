package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final PaymentEvent EVENT = PaymentEvent.create(PaymentEvent.Type.SUCCEEDED, "TU-1",
            new BigDecimal("50.00"), "CNY", Instant.EPOCH);

    private static Delivery answered(Corruption corruption, int status, String contentType, String body) {
        return new Delivery(EVENT, corruption, EVENT.toJson(), "t=0,v1=00", status, contentType, body, Duration.ZERO);
    }

    @Test
    void readsTheProblemCode() {
        Delivery delivery = answered(Corruption.NONE, 409, "application/problem+json",
                "{\"status\":409,\"code\":\"AMOUNT_MISMATCH\"}");

        assertThat(delivery.code()).contains("AMOUNT_MISMATCH");
        assertThat(delivery.summary())
                .isEqualTo("409 application/problem+json {\"status\":409,\"code\":\"AMOUNT_MISMATCH\"}");
    }

    @Test
    void hasNoCodeWhenTheAnswerHasNone() {
        assertThat(answered(Corruption.NONE, 200, "", "").code()).isEmpty();
        assertThat(answered(Corruption.NONE, 200, "", "").summary()).isEqualTo("200 (empty body)");
        assertThat(answered(Corruption.NONE, 502, "text/html", "<html>bad gateway</html>").code()).isEmpty();
        assertThat(answered(Corruption.NONE, 400, "application/json", "{\"code\":42}").code()).isEmpty();
    }

    @Test
    void aGenuineDeliveryExpects2xxAndACorruptOne4xx() {
        assertThat(answered(Corruption.NONE, 200, "", "").answeredAsExpected()).isTrue();
        assertThat(answered(Corruption.NONE, 204, "", "").isSuccess()).isTrue();
        assertThat(answered(Corruption.NONE, 401, "", "").answeredAsExpected()).isFalse();
        assertThat(answered(Corruption.STALE_TIMESTAMP, 401, "", "").answeredAsExpected()).isTrue();
        assertThat(answered(Corruption.CHANGED_AMOUNT, 404, "", "").answeredAsExpected()).isTrue();
        assertThat(answered(Corruption.WRONG_SECRET, 200, "", "").answeredAsExpected()).isFalse();
        assertThat(answered(Corruption.WRONG_SECRET, 500, "", "").answeredAsExpected()).isFalse();
    }

    @Test
    void corruptionsAreNamedAsOnTheCommandLine() {
        assertThat(Corruption.fromOptionName("wrong-secret")).isEqualTo(Corruption.WRONG_SECRET);
        assertThat(Corruption.fromOptionName("stale")).isEqualTo(Corruption.STALE_TIMESTAMP);
        assertThat(Corruption.fromOptionName("bad-amount")).isEqualTo(Corruption.CHANGED_AMOUNT);
        assertThatThrownBy(() -> Corruption.fromOptionName("sloppy")).hasMessageContaining("tampered-body");
    }
}
