package com.evplatform.paymentprovider.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.evplatform.paymentprovider.Corruption;
import com.evplatform.paymentprovider.PaymentEvent;

import picocli.CommandLine;

class PayCommandTest {

    private static PayCommand.Plan plan(Map<String, String> environment, String... args) {
        CommandLine.ParseResult parsed = PaymentProviderCommand.commandLine(environment).parseArgs(args);
        PayCommand pay = (PayCommand) parsed.subcommand().commandSpec().userObject();
        return pay.plan();
    }

    private static int exitCode(StringWriter out, StringWriter err, Map<String, String> environment, String... args) {
        return PaymentProviderCommand.commandLine(environment).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void mapsEveryOptionToThePlan() {
        PayCommand.Plan plan = plan(Map.of(), "pay", "--url", "http://example:9000/api/payments/webhook",
                "--secret", "s3cret", "--top-up", "TU-7", "--amount", "12.30", "--currency", "EUR", "--fail",
                "--concurrent", "4", "--resend", "2", "--delay", "5s", "--corrupt", "tampered-body", "--timeout", "3s");

        assertThat(plan.url()).isEqualTo(URI.create("http://example:9000/api/payments/webhook"));
        assertThat(plan.secret()).isEqualTo("s3cret");
        assertThat(plan.type()).isEqualTo(PaymentEvent.Type.FAILED);
        assertThat(plan.topUpId()).isEqualTo("TU-7");
        assertThat(plan.amount()).isEqualTo(new BigDecimal("12.30"));
        assertThat(plan.currency()).isEqualTo("EUR");
        assertThat(plan.concurrent()).isEqualTo(4);
        assertThat(plan.resend()).isEqualTo(2);
        assertThat(plan.delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(plan.corruption()).isEqualTo(Corruption.TAMPERED_BODY);
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plan.toString()).doesNotContain("s3cret").contains("(hidden)");
    }

    @Test
    void defaultsToOneGenuineSucceededDeliveryToTheLocalGateway() {
        PayCommand.Plan plan = plan(Map.of(), "pay", "--secret", "s", "--top-up", "TU-1", "--amount", "50.00");

        assertThat(plan.url()).isEqualTo(URI.create("http://localhost:8080/api/payments/webhook"));
        assertThat(plan.type()).isEqualTo(PaymentEvent.Type.SUCCEEDED);
        assertThat(plan.currency()).isEqualTo("CNY");
        assertThat(plan.concurrent()).isEqualTo(1);
        assertThat(plan.resend()).isZero();
        assertThat(plan.delay()).isZero();
        assertThat(plan.corruption()).isEqualTo(Corruption.NONE);
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsTheSecretFromAFileWithoutItsLineBreak(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("payment-webhook-secret"), "from-file\n");

        PayCommand.Plan plan = plan(Map.of(PayCommand.SECRET_ENV, "from-env"), "pay", "--secret-file", file.toString(),
                "--top-up", "TU-1", "--amount", "1");

        assertThat(plan.secret()).isEqualTo("from-file");
    }

    @Test
    void readsTheSecretFromTheEnvironmentWhenNoOptionGivesIt() {
        PayCommand.Plan plan = plan(Map.of(PayCommand.SECRET_ENV, "from-env"), "pay", "--top-up", "TU-1",
                "--amount", "1");

        assertThat(plan.secret()).isEqualTo("from-env");
    }

    @Test
    void withoutASecretItIsAUsageError() {
        StringWriter err = new StringWriter();

        int exitCode = exitCode(new StringWriter(), err, Map.of(), "pay", "--top-up", "TU-1", "--amount", "1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("No webhook secret", "--secret-file", PayCommand.SECRET_ENV);
    }

    @Test
    void refusesAnEmptyOrUnreadableSecretAndTwoSources(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        StringWriter err = new StringWriter();

        assertThat(exitCode(new StringWriter(), err, Map.of(), "pay", "--secret-file", empty.toString(),
                "--top-up", "TU-1", "--amount", "1")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, Map.of(), "pay", "--secret-file", dir.resolve("absent").toString(),
                "--top-up", "TU-1", "--amount", "1")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, Map.of(), "pay", "--secret", "a", "--secret-file",
                empty.toString(), "--top-up", "TU-1", "--amount", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("is empty", "Cannot read --secret-file", "not both");
    }

    @Test
    void refusesMissingAndInvalidOptions() {
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of(PayCommand.SECRET_ENV, "s");

        assertThat(exitCode(new StringWriter(), err, env, "pay", "--amount", "1")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, env, "pay", "--top-up", "TU-1", "--amount", "fifty")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, env, "pay", "--top-up", "TU-1", "--amount", "1",
                "--corrupt", "sloppy")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, env, "pay", "--top-up", "TU-1", "--amount", "1",
                "--concurrent", "0")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, env, "pay", "--top-up", "TU-1", "--amount", "1",
                "--resend", "-1")).isEqualTo(2);
        assertThat(exitCode(new StringWriter(), err, env, "pay", "--top-up", "TU-1", "--amount", "1",
                "--url", "ws://localhost:8080/api/payments/webhook")).isEqualTo(2);
        assertThat(err.toString()).contains("--top-up", "fifty", "wrong-secret, tampered-body, stale",
                "--concurrent must be at least 1", "--resend must not be negative", "--url must be an http(s) URL");
    }

    @Test
    void helpDescribesThePaymentOptionsAndExitCodes() {
        StringWriter out = new StringWriter();

        int exitCode = exitCode(out, new StringWriter(), Map.of(), "pay", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--url", "--secret-file", "--top-up", "--amount", "--currency", "--fail",
                "--resend", "--concurrent", "--delay", "--corrupt", "Payment-Signature", PayCommand.SECRET_ENV,
                "Exit codes", "answered as expected");
    }

    @Test
    void theTopLevelCommandNamesPayAndNeedsIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(exitCode(out, err, Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("pay");
        assertThat(exitCode(out, err, Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: pay");
    }
}
