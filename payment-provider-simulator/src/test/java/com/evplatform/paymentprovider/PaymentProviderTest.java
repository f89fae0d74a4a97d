package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PaymentProviderTest {

    private static final String SECRET = "unit-secret";
    private static final String URL = "http://127.0.0.1:9/api/payments/webhook";

    @Test
    void shuffleDependsOnlyOnTheSeed() {
        List<PaymentEvent> events = IntStream.range(0, 10)
                .mapToObj(i -> PaymentEvent.create(PaymentEvent.Type.SUCCEEDED, "TU-" + i, BigDecimal.ONE, "CNY",
                        Instant.EPOCH))
                .toList();

        Set<List<PaymentEvent>> orders = LongStream.range(0, 5)
                .mapToObj(seed -> PaymentProvider.shuffle(events, seed))
                .collect(Collectors.toSet());

        assertThat(PaymentProvider.shuffle(events, 7)).isEqualTo(PaymentProvider.shuffle(events, 7))
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void newEventMakesAPaymentWithoutSendingIt() {
        try (PaymentProvider provider = PaymentProvider.builder().webhookUrl(URL).secret(SECRET).build()) {
            PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50"), "CNY");

            assertThat(event.topUpId()).isEqualTo("TU-1");
            assertThat(event.amount()).isEqualTo(new BigDecimal("50.00"));
            assertThat(provider.payments()).containsExactly(event);
        }
    }

    @Test
    void theStatementHasEverySucceededPaymentMadeDeliveredOrNot() {
        try (PaymentProvider provider = PaymentProvider.builder().webhookUrl(URL).secret(SECRET).build()) {
            PaymentEvent paid = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");
            provider.newEvent(PaymentEvent.Type.FAILED, "TU-2", new BigDecimal("20.00"), "CNY");
            PaymentEvent alsoPaid = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-3", new BigDecimal("5.00"),
                    "CNY");

            assertThat(provider.statement().lines()).containsExactly(PaymentStatement.Line.of(paid),
                    PaymentStatement.Line.of(alsoPaid));
        }
    }

    @Test
    void refusesIncompleteSettings() {
        assertThatThrownBy(() -> PaymentProvider.builder().secret(SECRET).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("webhookUrl");
        assertThatThrownBy(() -> PaymentProvider.builder().webhookUrl(URL).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> PaymentProvider.builder().webhookUrl(URL).secret("").build())
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PaymentProvider.builder().webhookUrl("ftp://example/hook").secret(SECRET).build())
                .hasMessageContaining("http");
        assertThatThrownBy(() -> PaymentProvider.builder().webhookUrl(URL).secret(SECRET)
                .requestTimeout(Duration.ZERO).build()).hasMessageContaining("timeout");
    }

    @Test
    void refusesCountsBelowOneAndNegativeDelays() {
        try (PaymentProvider provider = PaymentProvider.builder().webhookUrl(URL).secret(SECRET).build()) {
            PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", BigDecimal.TEN, "CNY");

            assertThatThrownBy(() -> provider.resend(event, 0)).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> provider.deliverConcurrently(event, 0)).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> provider.withDelay(Duration.ofSeconds(-1))).hasMessageContaining("negative");
            assertThat(provider.withDelay(Duration.ofSeconds(2)).delay()).isEqualTo(Duration.ofSeconds(2));
        }
    }
}
