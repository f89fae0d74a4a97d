package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.evplatform.paymentprovider.WebhookReceiver.Arrival;
import com.evplatform.paymentprovider.WebhookSignature.Verification;

class PaymentProviderIT {

    private static final String SECRET = "it-webhook-secret";

    private WebhookReceiver receiver;
    private PaymentProvider provider;

    @BeforeEach
    void start() throws IOException {
        receiver = WebhookReceiver.start(SECRET)
                .topUp("TU-1", "50.00", "CNY")
                .topUp("TU-2", "20.00", "CNY")
                .topUp("TU-3", "5.00", "CNY");
        provider = PaymentProvider.builder().webhookUrl(receiver.url()).secret(SECRET).build();
    }

    @AfterEach
    void stop() {
        provider.close();
        receiver.close();
    }

    @Test
    void succeedDeliversASignedPaymentSucceededThatIsCredited() {
        Payment payment = provider.succeed("TU-1", "50.00", "CNY");

        assertThat(payment.delivery().status()).isEqualTo(200);
        assertThat(payment.delivery().answeredAsExpected()).isTrue();
        assertThat(payment.delivery().responseBody()).contains("credited");
        Arrival arrival = receiver.onlyArrival();
        assertThat(arrival.contentType()).isEqualTo("application/json");
        assertThat(arrival.body()).isEqualTo(payment.delivery().requestBody()).isEqualTo(payment.event().toJson());
        assertThat(arrival.field("type")).isEqualTo("payment.succeeded");
        assertThat(arrival.field("eventId")).isEqualTo(payment.eventId());
        assertThat(arrival.field("paymentId")).isEqualTo(payment.paymentId());
        assertThat(arrival.field("topUpId")).isEqualTo("TU-1");
        assertThat(arrival.field("amount")).isEqualTo("50.00");
        assertThat(arrival.field("currency")).isEqualTo("CNY");
        assertThat(arrival.field("occurredAt")).endsWith("Z");
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), arrival.body(), Instant.now()))
                .isEqualTo(Verification.VALID);
        assertThat(receiver.credited()).containsExactly(payment.paymentId());
    }

    @Test
    void failDeliversPaymentFailedAndNothingIsCredited() {
        Payment payment = provider.fail("TU-1", new BigDecimal("50.00"), "CNY");

        assertThat(payment.delivery().status()).isEqualTo(200);
        assertThat(payment.succeeded()).isFalse();
        assertThat(receiver.onlyArrival().field("type")).isEqualTo("payment.failed");
        assertThat(receiver.credited()).isEmpty();
    }

    @Test
    void anUnknownTopUpIsAnsweredWithItsProblemCode() {
        Delivery delivery = provider.succeed("TU-UNKNOWN", "50.00", "CNY").delivery();

        assertThat(delivery.status()).isEqualTo(404);
        assertThat(delivery.responseContentType()).isEqualTo("application/problem+json");
        assertThat(delivery.code()).contains("TOP_UP_NOT_FOUND");
        assertThat(delivery.answeredAsExpected()).isFalse();
    }

    @Test
    void resendDeliversTheIdenticalBodyAgainAndIsCreditedOnce() {
        Payment payment = provider.succeed("TU-1", "50.00", "CNY");

        List<Delivery> again = provider.resend(payment.event(), 3);

        assertThat(again).hasSize(3).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(200);
            assertThat(delivery.responseBody()).contains("duplicate");
        });
        assertThat(receiver.arrivals()).hasSize(4)
                .allSatisfy(arrival -> assertThat(arrival.body()).isEqualTo(payment.delivery().requestBody()))
                .allSatisfy(arrival -> assertThat(arrival.field("eventId")).isEqualTo(payment.eventId()));
        assertThat(receiver.credited()).containsExactly(payment.paymentId());
    }

    @Test
    void anotherEventForTheSamePaymentIsNotCreditedAgain() {
        Payment payment = provider.succeed("TU-1", "50.00", "CNY");

        Delivery second = provider.deliver(payment.event().withNewEventId());

        assertThat(second.status()).isEqualTo(200);
        assertThat(receiver.arrivals()).extracting(arrival -> arrival.field("eventId")).doesNotHaveDuplicates();
        assertThat(receiver.arrivals()).extracting(arrival -> arrival.field("paymentId"))
                .containsOnly(payment.paymentId());
        assertThat(receiver.credited()).containsExactly(payment.paymentId());
    }

    @Test
    void deliverConcurrentlyHasAllRequestsInFlightAtOnce() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");
        receiver.holdUntilInFlight(5);

        List<Delivery> deliveries = provider.deliverConcurrently(event, 5);

        assertThat(deliveries).hasSize(5).allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(200));
        assertThat(receiver.maxInFlight()).isEqualTo(5);
        assertThat(receiver.arrivals()).hasSize(5)
                .allSatisfy(arrival -> assertThat(arrival.body()).isEqualTo(event.toJson()));
        assertThat(receiver.credited()).containsExactly(event.paymentId());
        assertThat(deliveries).extracting(delivery -> delivery.responseBody().contains("credited"))
                .containsOnlyOnce(true);
    }

    @Test
    void deliverInOrderSendsTheEventsAsListed() {
        List<PaymentEvent> events = List.of(
                provider.newEvent(PaymentEvent.Type.FAILED, "TU-2", new BigDecimal("20.00"), "CNY"),
                provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-3", new BigDecimal("5.00"), "CNY"),
                provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY"));

        List<Delivery> deliveries = provider.deliverInOrder(events);

        assertThat(deliveries).extracting(Delivery::event).containsExactlyElementsOf(events);
        assertThat(receiver.arrivals()).extracting(arrival -> arrival.field("eventId"))
                .containsExactly(events.get(0).eventId(), events.get(1).eventId(), events.get(2).eventId());
    }

    @Test
    void deliverShuffledSendsTheOrderItsSeedGives() {
        List<PaymentEvent> events = List.of(
                provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY"),
                provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-2", new BigDecimal("20.00"), "CNY"),
                provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-3", new BigDecimal("5.00"), "CNY"),
                provider.newEvent(PaymentEvent.Type.FAILED, "TU-3", new BigDecimal("5.00"), "CNY"));

        List<Delivery> deliveries = provider.deliverShuffled(events, 42);

        List<PaymentEvent> expectedOrder = PaymentProvider.shuffle(events, 42);
        assertThat(expectedOrder).containsExactlyInAnyOrderElementsOf(events)
                .isEqualTo(PaymentProvider.shuffle(events, 42));
        assertThat(deliveries).extracting(Delivery::event).containsExactlyElementsOf(expectedOrder);
        assertThat(receiver.arrivals()).extracting(arrival -> arrival.field("eventId"))
                .containsExactlyElementsOf(expectedOrder.stream().map(PaymentEvent::eventId).toList());
    }

    @Test
    void aDelayedProviderWaitsBeforeSending() {
        long before = System.nanoTime();

        Delivery delivery = provider.withDelay(Duration.ofMillis(400)).succeed("TU-1", "50.00", "CNY").delivery();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(delivery.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(provider.delay()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Corruption.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
    void everyCorruptionIsRefusedWithTheCodeTheContractNames(Corruption corruption) {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        Delivery delivery = provider.deliver(event, corruption);

        assertThat(delivery.status()).isEqualTo(corruption.expectedStatus());
        assertThat(delivery.code()).contains(corruption.expectedCode());
        assertThat(delivery.answeredAsExpected()).isTrue();
        assertThat(delivery.corruption()).isEqualTo(corruption);
        assertThat(receiver.onlyArrival().code()).isEqualTo(corruption.expectedCode());
        assertThat(receiver.credited()).isEmpty();
    }

    @Test
    void aWrongSecretSignsTheGenuineBodyWithAnotherKey() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        provider.deliver(event, Corruption.WRONG_SECRET);

        Arrival arrival = receiver.onlyArrival();
        assertThat(arrival.body()).isEqualTo(event.toJson());
        assertThat(WebhookSignature.timestampOf(arrival.signatureHeader())).isPresent();
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), arrival.body(), Instant.now()))
                .isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void aTamperedBodyCarriesTheSignatureOfTheGenuineOne() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        Delivery delivery = provider.deliver(event, Corruption.TAMPERED_BODY);

        Arrival arrival = receiver.onlyArrival();
        assertThat(arrival.field("amount")).isEqualTo("1050.00");
        assertThat(arrival.field("eventId")).isEqualTo(event.eventId());
        assertThat(delivery.event()).isEqualTo(event);
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), event.toJson(), Instant.now()))
                .isEqualTo(Verification.VALID);
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), arrival.body(), Instant.now()))
                .isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void aStaleDeliveryIsGenuinelySignedTenMinutesAgo() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        provider.deliver(event, Corruption.STALE_TIMESTAMP);

        Arrival arrival = receiver.onlyArrival();
        long age = Instant.now().getEpochSecond()
                - WebhookSignature.timestampOf(arrival.signatureHeader()).orElseThrow();
        assertThat(age).isBetween(600L, 660L);
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), arrival.body(), Instant.now(),
                Duration.ofMinutes(15))).isEqualTo(Verification.VALID);
    }

    @Test
    void aMissingHeaderIsNotSentAtAll() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        Delivery delivery = provider.deliver(event, Corruption.MISSING_HEADER);

        assertThat(delivery.signatureHeader()).isNull();
        assertThat(receiver.onlyArrival().signatureHeader()).isNull();
        assertThat(receiver.onlyArrival().body()).isEqualTo(event.toJson());
    }

    @Test
    void aMalformedHeaderIsSentButCannotBeRead() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        provider.deliver(event, Corruption.MALFORMED_HEADER);

        String header = receiver.onlyArrival().signatureHeader();
        assertThat(header).isNotBlank().contains("v1=");
        assertThat(WebhookSignature.timestampOf(header)).isEmpty();
    }

    @Test
    void aChangedAmountOrCurrencyIsGenuinelySigned() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        Delivery amount = provider.deliver(event, Corruption.CHANGED_AMOUNT);
        Delivery currency = provider.deliver(event, Corruption.CHANGED_CURRENCY);

        List<Arrival> arrivals = receiver.arrivals();
        assertThat(arrivals.get(0).field("amount")).isEqualTo("50.01");
        assertThat(arrivals.get(0).field("currency")).isEqualTo("CNY");
        assertThat(arrivals.get(1).field("amount")).isEqualTo("50.00");
        assertThat(arrivals.get(1).field("currency")).isEqualTo("USD");
        assertThat(arrivals).allSatisfy(arrival -> assertThat(WebhookSignature.verify(SECRET,
                arrival.signatureHeader(), arrival.body(), Instant.now())).isEqualTo(Verification.VALID));
        assertThat(amount.event().amount()).isEqualByComparingTo("50.01");
        assertThat(currency.event().currency()).isEqualTo("USD");
    }

    @Test
    void corruptionsApplyToRepeatedAndConcurrentDeliveries() {
        PaymentEvent event = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-1", new BigDecimal("50.00"), "CNY");

        List<Delivery> repeated = provider.resend(event, 2, Corruption.MISSING_HEADER);
        List<Delivery> concurrent = provider.deliverConcurrently(event, 3, Corruption.STALE_TIMESTAMP);

        assertThat(repeated).extracting(Delivery::code).containsOnly(Optional.of("BAD_SIGNATURE"));
        assertThat(concurrent).extracting(Delivery::code).containsOnly(Optional.of("STALE_SIGNATURE"));
        assertThat(receiver.arrivals()).hasSize(5);
        assertThat(receiver.credited()).isEmpty();
    }

    @Test
    void timestampsComeFromTheClock() {
        Instant past = Instant.parse("2025-01-01T08:00:00Z");
        try (PaymentProvider fixed = PaymentProvider.builder().webhookUrl(receiver.url()).secret(SECRET)
                .clock(Clock.fixed(past, ZoneOffset.UTC)).build()) {

            Payment payment = fixed.succeed("TU-1", "50.00", "CNY");

            assertThat(payment.occurredAt()).isEqualTo(past);
            assertThat(receiver.onlyArrival().field("occurredAt")).isEqualTo("2025-01-01T08:00:00Z");
            assertThat(WebhookSignature.timestampOf(payment.delivery().signatureHeader()))
                    .hasValue(past.getEpochSecond());
            assertThat(payment.delivery().code()).contains("STALE_SIGNATURE");
        }
    }

    @Test
    void remembersEveryPaymentItMadeDeliveredOrNot() {
        Payment delivered = provider.succeed("TU-1", "50.00", "CNY");
        PaymentEvent lost = provider.newEvent(PaymentEvent.Type.SUCCEEDED, "TU-2", new BigDecimal("20.00"), "CNY");
        Payment failed = provider.fail("TU-3", "5.00", "CNY");

        assertThat(provider.payments()).containsExactly(delivered.event(), lost, failed.event());
        assertThat(provider.withDelay(Duration.ZERO).payments()).hasSize(3);
    }

    @Test
    void aReceiverThatIsNotThereIsAnException() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        try (PaymentProvider nowhere = PaymentProvider.builder()
                .webhookUrl("http://127.0.0.1:" + freePort + WebhookReceiver.PATH).secret(SECRET).build()) {

            assertThatThrownBy(() -> nowhere.succeed("TU-1", "50.00", "CNY"))
                    .isInstanceOf(WebhookDeliveryException.class)
                    .hasMessageContaining("could not deliver");
            assertThat(nowhere.payments()).hasSize(1);
        }
    }
}
