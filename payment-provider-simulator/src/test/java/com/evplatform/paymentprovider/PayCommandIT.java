package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.evplatform.paymentprovider.WebhookReceiver.Arrival;
import com.evplatform.paymentprovider.WebhookSignature.Verification;
import com.evplatform.paymentprovider.cli.PayCommand;
import com.evplatform.paymentprovider.cli.PaymentProviderCommand;

class PayCommandIT {

    private static final String SECRET = "cli-webhook-secret";

    private WebhookReceiver receiver;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        receiver = WebhookReceiver.start(SECRET).topUp("TU-1", "50.00", "CNY");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private int pay(String... options) {
        return payWithEnvironment(Map.of(PayCommand.SECRET_ENV, SECRET), options);
    }

    private int payWithEnvironment(Map<String, String> environment, String... options) {
        List<String> args = new ArrayList<>(List.of("pay", "--url", receiver.url().toString()));
        args.addAll(List.of(options));
        return PaymentProviderCommand.commandLine(environment).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    }

    @Test
    void aGenuinePaymentIsCreditedAndExitsZero() {
        int exitCode = pay("--top-up", "TU-1", "--amount", "50.00", "--currency", "CNY");

        assertThat(exitCode).isZero();
        Arrival arrival = receiver.onlyArrival();
        assertThat(arrival.field("type")).isEqualTo("payment.succeeded");
        assertThat(WebhookSignature.verify(SECRET, arrival.signatureHeader(), arrival.body(), Instant.now()))
                .isEqualTo(Verification.VALID);
        assertThat(receiver.credited()).containsExactly(arrival.field("paymentId"));
        assertThat(out.toString()).contains("Payment " + arrival.field("paymentId") + ": payment.succeeded 50.00 CNY",
                "for top-up TU-1", "#1 200 application/json {\"outcome\":\"credited\"}",
                "1 of 1 deliveries answered as expected (2xx)");
    }

    @Test
    void concurrentCopiesThenResentOnesAllCarryTheSameEvent() {
        receiver.holdUntilInFlight(3);

        int exitCode = pay("--top-up", "TU-1", "--amount", "50.00", "--concurrent", "3", "--resend", "2");

        assertThat(exitCode).isZero();
        assertThat(receiver.maxInFlight()).isEqualTo(3);
        assertThat(receiver.arrivals()).hasSize(5).extracting(Arrival::body).containsOnly(
                receiver.arrivals().getFirst().body());
        assertThat(receiver.credited()).hasSize(1);
        assertThat(out.toString()).contains("#5 200", "5 of 5 deliveries answered as expected");
    }

    @Test
    void failReportsAFailedPayment() {
        assertThat(pay("--top-up", "TU-1", "--amount", "50.00", "--fail")).isZero();

        assertThat(receiver.onlyArrival().field("type")).isEqualTo("payment.failed");
        assertThat(receiver.credited()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"wrong-secret, 401 BAD_SIGNATURE", "tampered-body, 401 BAD_SIGNATURE",
            "stale, 401 STALE_SIGNATURE", "missing-header, 401 BAD_SIGNATURE", "malformed-header, 401 BAD_SIGNATURE",
            "bad-amount, 409 AMOUNT_MISMATCH", "bad-currency, 409 AMOUNT_MISMATCH"})
    void aRefusedCorruptionExitsZero(String corruption, String answer) {
        int exitCode = pay("--top-up", "TU-1", "--amount", "50.00", "--corrupt", corruption);

        assertThat(exitCode).isZero();
        assertThat(receiver.onlyArrival().code()).isEqualTo(answer.substring(4));
        assertThat(receiver.credited()).isEmpty();
        assertThat(out.toString()).contains("corrupted (" + corruption + "): order-service should answer " + answer,
                "#1 " + answer.substring(0, 3), "1 of 1 deliveries answered as expected (4xx)");
    }

    @Test
    void aRefusedGenuinePaymentExitsOne() {
        int exitCode = payWithEnvironment(Map.of(PayCommand.SECRET_ENV, "another-secret"),
                "--top-up", "TU-1", "--amount", "50.00");

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("#1 401", "BAD_SIGNATURE", "not as expected",
                "0 of 1 deliveries answered as expected (2xx)");
    }

    @Test
    void anUnknownTopUpExitsOne() {
        assertThat(pay("--top-up", "TU-404", "--amount", "50.00")).isEqualTo(1);

        assertThat(out.toString()).contains("#1 404", "TOP_UP_NOT_FOUND");
    }

    @Test
    void aCorruptionThatIsAcceptedExitsOne() {
        receiver.acceptAnything();

        int exitCode = pay("--top-up", "TU-1", "--amount", "50.00", "--corrupt", "wrong-secret");

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("#1 200", "not as expected",
                "0 of 1 deliveries answered as expected (4xx)");
    }

    @Test
    void readsTheSecretFromAFile(@TempDir Path dir) throws IOException {
        Path secretFile = Files.writeString(dir.resolve("payment-webhook-secret"), SECRET + "\n");

        int exitCode = payWithEnvironment(Map.of(), "--secret-file", secretFile.toString(), "--top-up", "TU-1",
                "--amount", "50.00");

        assertThat(exitCode).isZero();
        assertThat(receiver.credited()).hasSize(1);
    }

    @Test
    void waitsTheDelayBeforeDelivering() {
        long before = System.nanoTime();

        int exitCode = pay("--top-up", "TU-1", "--amount", "50.00", "--delay", "300ms");

        assertThat(exitCode).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anUnreachableWebhookExitsThree() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }

        int exitCode = PaymentProviderCommand.commandLine(Map.of()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute("pay", "--url",
                        "http://127.0.0.1:" + freePort + "/api/payments/webhook", "--secret", SECRET,
                        "--top-up", "TU-1", "--amount", "50.00", "--timeout", "2s");

        assertThat(exitCode).isEqualTo(3);
        assertThat(err.toString()).contains("could not deliver");
    }
}
