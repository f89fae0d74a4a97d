package com.evplatform.paymentprovider.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.evplatform.paymentprovider.Corruption;
import com.evplatform.paymentprovider.Delivery;
import com.evplatform.paymentprovider.PaymentEvent;
import com.evplatform.paymentprovider.PaymentProvider;
import com.evplatform.paymentprovider.WebhookDeliveryException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pay}: makes one payment of a top-up and delivers its webhook, once or as asked (concurrently, again,
 * late, corrupted), printing every answer. The exit code says whether order-service answered as it should.
 */
@Command(name = "pay", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PaymentProviderCommand.Version.class,
        description = {
            "Pays a wallet top-up and delivers its signed webhook, printing every answer.",
            "",
            "The body is {eventId, type, paymentId, topUpId, amount, currency, occurredAt}; the header is "
                    + "Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the secret>. "
                    + "The secret comes from --secret, --secret-file or the environment variable "
                    + PayCommand.SECRET_ENV + ".",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every delivery was answered as expected: 2xx when genuine, 4xx with --corrupt",
            "1:some delivery was answered otherwise",
            "2:invalid options, or no secret",
            "3:the webhook could not be reached"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pay --secret-file .run/payment-webhook-secret --top-up TU-1 --amount 50.00",
            "  pay --top-up TU-1 --amount 50.00 --concurrent 5 --resend 2",
            "  pay --top-up TU-1 --amount 50.00 --corrupt stale",
            "  pay --top-up TU-1 --amount 50.00 --fail --delay 5s"})
public final class PayCommand implements Callable<Integer> {

    /** The environment variable the secret is read from when neither option gives it. */
    public static final String SECRET_ENV = "PAYMENT_WEBHOOK_SECRET";

    static final int EXIT_UNEXPECTED_ANSWER = 1;
    static final int EXIT_UNREACHABLE = 3;

    private final Function<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080/api/payments/webhook", paramLabel = "URL",
            description = "The webhook URL. Default: ${DEFAULT-VALUE}")
    private URI url;

    @Option(names = "--secret", paramLabel = "SECRET",
            description = "The shared webhook secret (visible in the process list: prefer --secret-file).")
    private String secret;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "A file holding the shared webhook secret; surrounding whitespace is ignored.")
    private Path secretFile;

    @Option(names = "--top-up", required = true, paramLabel = "ID", description = "The topUpId being paid.")
    private String topUpId;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "The amount paid, e.g. 50.00.")
    private BigDecimal amount;

    @Option(names = "--currency", defaultValue = "CNY", paramLabel = "CODE",
            description = "ISO 4217 currency. Default: ${DEFAULT-VALUE}")
    private String currency;

    @Option(names = "--fail", description = "Report payment.failed instead of payment.succeeded.")
    private boolean fail;

    @Option(names = "--concurrent", defaultValue = "1", paramLabel = "N",
            description = "Deliver N copies of the event at once, from N threads. Default: ${DEFAULT-VALUE}")
    private int concurrent;

    @Option(names = "--resend", defaultValue = "0", paramLabel = "N",
            description = "Then deliver the same event (same eventId and paymentId) N more times, one after another. "
                    + "Default: ${DEFAULT-VALUE}")
    private int resend;

    @Option(names = "--delay", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait this long (e.g. 5s, 500ms) before each delivery; concurrent copies wait once. "
                    + "Default: ${DEFAULT-VALUE}")
    private Duration delay;

    @Option(names = "--corrupt", converter = CorruptionConverter.class,
            paramLabel = "KIND",
            description = "Send every delivery so that order-service must refuse it: wrong-secret, tampered-body "
                    + "(401 BAD_SIGNATURE), stale (401 STALE_SIGNATURE), missing-header, malformed-header "
                    + "(401 BAD_SIGNATURE), bad-amount, bad-currency (409 AMOUNT_MISMATCH).")
    private Corruption corruption = Corruption.NONE;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for a connection and for each answer. Default: ${DEFAULT-VALUE}")
    private Duration timeout;

    PayCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    /** What a run will do, resolved from the options and the environment. */
    record Plan(URI url, String secret, PaymentEvent.Type type, String topUpId, BigDecimal amount, String currency,
            int concurrent, int resend, Duration delay, Corruption corruption, Duration timeout) {

        @Override
        public String toString() {
            return "Plan[url=" + url + ", secret=(hidden), type=" + type + ", topUpId=" + topUpId
                    + ", amount=" + amount + ", currency=" + currency + ", concurrent=" + concurrent
                    + ", resend=" + resend + ", delay=" + delay + ", corruption=" + corruption
                    + ", timeout=" + timeout + "]";
        }
    }

    @Override
    public Integer call() {
        Plan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PaymentProvider provider = PaymentProvider.builder().webhookUrl(plan.url()).secret(plan.secret())
                .delay(plan.delay()).requestTimeout(plan.timeout()).build()) {
            PaymentEvent event = provider.newEvent(plan.type(), plan.topUpId(), plan.amount(), plan.currency());
            out.printf(Locale.ROOT, "Payment %s: %s %s %s for top-up %s, event %s%n", event.paymentId(),
                    event.type().wireName(), event.amount().toPlainString(), event.currency(), event.topUpId(),
                    event.eventId());
            out.printf(Locale.ROOT, "Delivering to %s%s%n", plan.url(), describe(plan.corruption()));
            out.flush();
            List<Delivery> deliveries = deliver(provider, event, plan, out);
            long expected = deliveries.stream().filter(Delivery::answeredAsExpected).count();
            out.printf(Locale.ROOT, "%d of %d deliveries answered as expected (%s)%n", expected, deliveries.size(),
                    plan.corruption() == Corruption.NONE ? "2xx" : "4xx");
            out.flush();
            return expected == deliveries.size() ? 0 : EXIT_UNEXPECTED_ANSWER;
        } catch (WebhookDeliveryException e) {
            out.flush();
            err.println(e.getMessage());
            err.flush();
            return EXIT_UNREACHABLE;
        }
    }

    private static List<Delivery> deliver(PaymentProvider provider, PaymentEvent event, Plan plan, PrintWriter out) {
        List<Delivery> deliveries = new ArrayList<>();
        if (plan.concurrent() > 1) {
            print(out, deliveries, provider.deliverConcurrently(event, plan.concurrent(), plan.corruption()));
        } else {
            print(out, deliveries, List.of(provider.deliver(event, plan.corruption())));
        }
        for (int i = 0; i < plan.resend(); i++) {
            print(out, deliveries, List.of(provider.deliver(event, plan.corruption())));
        }
        return deliveries;
    }

    private static void print(PrintWriter out, List<Delivery> done, List<Delivery> more) {
        for (Delivery delivery : more) {
            done.add(delivery);
            out.printf(Locale.ROOT, "#%d %s%s%n", done.size(), delivery.summary(),
                    delivery.answeredAsExpected() ? "" : "   <- not as expected");
        }
        out.flush();
    }

    private static String describe(Corruption corruption) {
        if (corruption == Corruption.NONE) {
            return "";
        }
        return String.format(Locale.ROOT, ", corrupted (%s): order-service should answer %d %s",
                corruption.optionName(), corruption.expectedStatus(), corruption.expectedCode());
    }

    Plan plan() {
        CommandLine commandLine = spec.commandLine();
        if (concurrent < 1) {
            throw new CommandLine.ParameterException(commandLine, "--concurrent must be at least 1");
        }
        if (resend < 0) {
            throw new CommandLine.ParameterException(commandLine, "--resend must not be negative");
        }
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(commandLine, "--timeout must be positive");
        }
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new CommandLine.ParameterException(commandLine, "--url must be an http(s) URL: " + url);
        }
        return new Plan(url, resolveSecret(commandLine), fail ? PaymentEvent.Type.FAILED : PaymentEvent.Type.SUCCEEDED,
                topUpId, amount, currency, concurrent, resend, delay, corruption,
                timeout);
    }

    private String resolveSecret(CommandLine commandLine) {
        if (secret != null && secretFile != null) {
            throw new CommandLine.ParameterException(commandLine, "Give --secret or --secret-file, not both");
        }
        String value;
        String source;
        if (secret != null) {
            value = secret;
            source = "--secret";
        } else if (secretFile != null) {
            try {
                value = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine,
                        "Cannot read --secret-file " + secretFile + ": " + e);
            }
            source = "--secret-file " + secretFile;
        } else {
            value = environment.apply(SECRET_ENV);
            source = SECRET_ENV;
            if (value == null) {
                throw new CommandLine.ParameterException(commandLine,
                        "No webhook secret: give --secret, --secret-file or set " + SECRET_ENV);
            }
        }
        if (value.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "The webhook secret from " + source + " is empty");
        }
        return value;
    }
}
