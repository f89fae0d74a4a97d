package com.evplatform.paymentprovider;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The payment provider of wallet top-ups, as order-service sees it: it makes payments and reports each one by a
 * signed webhook ({@link WebhookSignature}) POSTed to {@code <base>/api/payments/webhook}. Besides genuine
 * deliveries it sends what a real provider may: the same event again ({@link #resend}), several copies at once
 * ({@link #deliverConcurrently}), events out of order ({@link #deliverShuffled}), late ({@link #withDelay}), and
 * requests a receiver must refuse ({@link Corruption}). Every delivery returns the answer's status and body.
 *
 * <pre>{@code
 * try (PaymentProvider provider = PaymentProvider.builder()
 *         .webhookUrl(URI.create("http://localhost:8080/api/payments/webhook"))
 *         .secret(secret)
 *         .build()) {
 *     Payment payment = provider.succeed(topUpId, "50.00", "CNY");
 *     assertThat(payment.delivery().status()).isEqualTo(200);
 *     assertThat(provider.resend(payment.event(), 3)).allMatch(Delivery::isSuccess);
 *     assertThat(provider.deliver(payment.event(), Corruption.WRONG_SECRET).code()).contains("BAD_SIGNATURE");
 * }
 * }</pre>
 *
 * <p>The signature's {@code t} and the events' {@code occurredAt} come from the {@link Clock}; a delay is real
 * time. The provider remembers every payment it made ({@link #payments()}), delivered or not, for its
 * {@link #statement()}.
 * It is safe to use from several threads.
 */
public final class PaymentProvider implements AutoCloseable {

    /** The request timeout when none is set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI webhookUrl;
    private final String secret;
    private final Clock clock;
    private final Duration delay;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final boolean ownsClient;
    private final List<PaymentEvent> payments;

    private PaymentProvider(URI webhookUrl, String secret, Clock clock, Duration delay, Duration requestTimeout,
            HttpClient client, boolean ownsClient, List<PaymentEvent> payments) {
        this.webhookUrl = webhookUrl;
        this.secret = secret;
        this.clock = clock;
        this.delay = delay;
        this.requestTimeout = requestTimeout;
        this.client = client;
        this.ownsClient = ownsClient;
        this.payments = payments;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI webhookUrl() {
        return webhookUrl;
    }

    /** How long every delivery waits before it is sent. */
    public Duration delay() {
        return delay;
    }

    /**
     * This provider, waiting {@code delay} before each request it sends (a concurrent delivery waits once, then
     * sends all at once). The copy shares the HTTP client and the payments; close the original, not the copy.
     */
    public PaymentProvider withDelay(Duration delay) {
        return new PaymentProvider(webhookUrl, secret, clock, requireNotNegative(delay, "delay"), requestTimeout,
                client, false, payments);
    }

    /**
     * Makes a payment and returns its event without delivering it: deliver it later, in another order, or never
     * (a webhook that got lost, for reconciliation). The payment counts in {@link #payments()} either way.
     */
    public PaymentEvent newEvent(PaymentEvent.Type type, String topUpId, BigDecimal amount, String currency) {
        PaymentEvent event = PaymentEvent.create(type, topUpId, amount, currency, clock.instant());
        payments.add(event);
        return event;
    }

    /** Pays a top-up and delivers {@code payment.succeeded}. */
    public Payment succeed(String topUpId, BigDecimal amount, String currency) {
        return makeAndDeliver(PaymentEvent.Type.SUCCEEDED, topUpId, amount, currency);
    }

    /** As {@link #succeed(String, BigDecimal, String)} with the amount as a decimal string, e.g. {@code "50.00"}. */
    public Payment succeed(String topUpId, String amount, String currency) {
        return succeed(topUpId, new BigDecimal(amount), currency);
    }

    /** Fails a payment of a top-up and delivers {@code payment.failed}. */
    public Payment fail(String topUpId, BigDecimal amount, String currency) {
        return makeAndDeliver(PaymentEvent.Type.FAILED, topUpId, amount, currency);
    }

    /** As {@link #fail(String, BigDecimal, String)} with the amount as a decimal string. */
    public Payment fail(String topUpId, String amount, String currency) {
        return fail(topUpId, new BigDecimal(amount), currency);
    }

    private Payment makeAndDeliver(PaymentEvent.Type type, String topUpId, BigDecimal amount, String currency) {
        PaymentEvent event = newEvent(type, topUpId, amount, currency);
        return new Payment(event, deliver(event));
    }

    /** Delivers an event once, genuinely. */
    public Delivery deliver(PaymentEvent event) {
        return deliver(event, Corruption.NONE);
    }

    /** Delivers an event once, corrupted as asked. */
    public Delivery deliver(PaymentEvent event, Corruption corruption) {
        long started = System.nanoTime();
        pause(delay);
        return send(event, corruption, started);
    }

    /**
     * Delivers the same event {@code times} times, one after the other: the same body byte for byte (same
     * eventId and paymentId), each request signed when it is sent.
     */
    public List<Delivery> resend(PaymentEvent event, int times) {
        return resend(event, times, Corruption.NONE);
    }

    /** As {@link #resend(PaymentEvent, int)}, every copy corrupted as asked. */
    public List<Delivery> resend(PaymentEvent event, int times, Corruption corruption) {
        requireCount(times, "times");
        List<Delivery> deliveries = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            deliveries.add(deliver(event, corruption));
        }
        return List.copyOf(deliveries);
    }

    /**
     * Delivers the same event {@code n} times at once: {@code n} threads, each with its request ready, are
     * released together. Returns the deliveries in thread order.
     */
    public List<Delivery> deliverConcurrently(PaymentEvent event, int n) {
        return deliverConcurrently(event, n, Corruption.NONE);
    }

    /** As {@link #deliverConcurrently(PaymentEvent, int)}, every copy corrupted as asked. */
    public List<Delivery> deliverConcurrently(PaymentEvent event, int n, Corruption corruption) {
        requireCount(n, "n");
        long started = System.nanoTime();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("payment-webhook-", 1).daemon(true).factory());
        try {
            List<Future<Delivery>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return send(event, corruption, started);
                }));
            }
            pause(delay);
            await(ready);
            go.countDown();
            List<Delivery> deliveries = new ArrayList<>(n);
            for (Future<Delivery> future : futures) {
                deliveries.add(result(future));
            }
            return List.copyOf(deliveries);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Delivers the events one after the other, in the order given, each genuinely. */
    public List<Delivery> deliverInOrder(List<PaymentEvent> events) {
        List<Delivery> deliveries = new ArrayList<>(events.size());
        for (PaymentEvent event : events) {
            deliveries.add(deliver(event));
        }
        return List.copyOf(deliveries);
    }

    /** Delivers the events in the order {@link #shuffle} gives for the seed; the deliveries are in sent order. */
    public List<Delivery> deliverShuffled(List<PaymentEvent> events, long seed) {
        return deliverInOrder(shuffle(events, seed));
    }

    /** The events in an order that depends only on the seed: the same seed, the same order. */
    public static List<PaymentEvent> shuffle(List<PaymentEvent> events, long seed) {
        List<PaymentEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled);
    }

    /** Every payment made so far, succeeded or failed, delivered or not, in the order they were made. */
    public List<PaymentEvent> payments() {
        return List.copyOf(payments);
    }

    /** The statement of every payment that succeeded so far, delivered or not: see {@link PaymentStatement}. */
    public PaymentStatement statement() {
        return PaymentStatement.ofEvents(payments());
    }

    /** Closes the HTTP client, unless it was handed in by {@link Builder#httpClient}. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private Delivery send(PaymentEvent event, Corruption corruption, long startedNanos) {
        PaymentEvent signed = switch (corruption) {
            case CHANGED_AMOUNT -> event.withAmount(event.amount().add(Corruption.CHANGED_AMOUNT_EXTRA));
            case CHANGED_CURRENCY -> event.withCurrency(Corruption.otherCurrency(event.currency()));
            default -> event;
        };
        String body = signed.toJson();
        long now = clock.instant().getEpochSecond();
        String header = switch (corruption) {
            case NONE, TAMPERED_BODY, CHANGED_AMOUNT, CHANGED_CURRENCY -> WebhookSignature.header(secret, now, body);
            case WRONG_SECRET -> WebhookSignature.header("not-" + secret, now, body);
            case STALE_TIMESTAMP -> WebhookSignature.header(secret, now - Corruption.STALE_SHIFT.toSeconds(), body);
            case MISSING_HEADER -> null;
            case MALFORMED_HEADER -> "t=now,v1=" + WebhookSignature.sign(secret, now, body);
        };
        if (corruption == Corruption.TAMPERED_BODY) {
            body = signed.withAmount(signed.amount().add(Corruption.TAMPERED_EXTRA)).toJson();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUrl)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (header != null) {
            request.header(WebhookSignature.HEADER, header);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new WebhookDeliveryException("could not deliver to " + webhookUrl + ": " + reason, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted while delivering to " + webhookUrl, e);
        }
        return new Delivery(signed, corruption, body, header, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                Objects.requireNonNullElse(response.body(), ""), Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private static Delivery result(Future<Delivery> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted while delivering concurrently", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new WebhookDeliveryException("a concurrent delivery failed: " + e.getCause(), e.getCause());
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted while delaying a delivery", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryException("interrupted while delivering concurrently", e);
        }
    }

    private static void requireCount(int count, String name) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + count);
        }
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }

    /** Settings of a {@link PaymentProvider}; the webhook URL and the secret are required. */
    public static final class Builder {

        private URI webhookUrl;
        private String secret;
        private Clock clock = Clock.systemUTC();
        private Duration delay = Duration.ZERO;
        private Duration requestTimeout = DEFAULT_TIMEOUT;
        private HttpClient httpClient;

        private Builder() {
        }

        /** The full webhook URL, e.g. {@code http://localhost:8080/api/payments/webhook}. */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            return webhookUrl(URI.create(webhookUrl));
        }

        /** The secret shared with order-service ({@code PAYMENT_WEBHOOK_SECRET}). */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** Where signature timestamps and {@code occurredAt} come from; the system clock (UTC) by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Wait this long before each request; none by default. */
        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** How long to wait for a connection and for each answer; {@link #DEFAULT_TIMEOUT} by default. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** A client to send with, which the provider will not close; by default it makes its own (HTTP/1.1). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public PaymentProvider build() {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            String scheme = webhookUrl.getScheme();
            if (!webhookUrl.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("the webhook URL must be an absolute http(s) URL: " + webhookUrl);
            }
            Objects.requireNonNull(secret, "secret");
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("the webhook secret is empty");
            }
            Objects.requireNonNull(clock, "clock");
            requireNotNegative(delay, "delay");
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("the request timeout must be positive, was " + requestTimeout);
            }
            boolean owns = httpClient == null;
            HttpClient client = owns
                    ? HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(requestTimeout)
                            .build()
                    : httpClient;
            return new PaymentProvider(webhookUrl, secret, clock, delay, requestTimeout, client, owns,
                    new CopyOnWriteArrayList<>());
        }
    }
}
