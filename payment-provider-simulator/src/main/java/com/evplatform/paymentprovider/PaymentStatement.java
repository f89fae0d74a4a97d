package com.evplatform.paymentprovider;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The provider's payment statement, the CSV that reconciliation compares with the top-ups order-service credited:
 * a header {@value #HEADER}, then one line per succeeded payment, {@code paidAt} being the event's
 * {@code occurredAt} to the millisecond. Failed payments moved no money and are not on it. UTF-8, lines end with
 * {@code \n}; a field with a comma, a quote or a line break is quoted as RFC 4180 says.
 *
 * <p>Immutable. To stage a difference for reconciliation, leave a payment out ({@link #without}) or add a line
 * that order-service never heard of or that differs from what it credited ({@link #with}):
 *
 * <pre>{@code
 * PaymentStatement statement = provider.statement()
 *         .without(unknownToStatement.paymentId())
 *         .with(PaymentStatement.Line.of(lost))
 *         .with(PaymentStatement.Line.of(paid.event()).withAmount(new BigDecimal("49.99")));
 * statement.write(Path.of("statement.csv"));
 * }</pre>
 */
public final class PaymentStatement {

    /** The first line of the CSV. */
    public static final String HEADER = "paymentId,topUpId,amount,currency,paidAt";

    /** One payment on the statement. */
    public record Line(String paymentId, String topUpId, BigDecimal amount, String currency, Instant paidAt) {

        public Line {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(topUpId, "topUpId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(paidAt, "paidAt");
        }

        /** The line of a payment event, whatever its type. */
        public static Line of(PaymentEvent event) {
            return new Line(event.paymentId(), event.topUpId(), event.amount(), event.currency(), event.occurredAt());
        }

        public Line withAmount(BigDecimal newAmount) {
            return new Line(paymentId, topUpId, newAmount, currency, paidAt);
        }

        public Line withCurrency(String newCurrency) {
            return new Line(paymentId, topUpId, amount, newCurrency, paidAt);
        }

        public Line withPaidAt(Instant newPaidAt) {
            return new Line(paymentId, topUpId, amount, currency, newPaidAt);
        }

        String toCsv() {
            return String.join(",", field(paymentId), field(topUpId), field(amount.toPlainString()), field(currency),
                    field(paidAt.toString()));
        }

        private static String field(String value) {
            boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
        }
    }

    private final List<Line> lines;

    private PaymentStatement(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The statement of the succeeded payments among these, in the order given. */
    public static PaymentStatement of(List<Payment> payments) {
        return ofEvents(payments.stream().map(Payment::event).toList());
    }

    /** The statement of the succeeded payment events among these, in the order given. */
    public static PaymentStatement ofEvents(List<PaymentEvent> events) {
        return new PaymentStatement(events.stream().filter(PaymentEvent::succeeded).map(Line::of).toList());
    }

    /** A statement of exactly these lines. */
    public static PaymentStatement ofLines(List<Line> lines) {
        return new PaymentStatement(lines);
    }

    public List<Line> lines() {
        return lines;
    }

    /** This statement and one more line at the end. */
    public PaymentStatement with(Line line) {
        List<Line> more = new ArrayList<>(lines);
        more.add(Objects.requireNonNull(line, "line"));
        return new PaymentStatement(more);
    }

    /** This statement without the lines of a payment. */
    public PaymentStatement without(String paymentId) {
        return new PaymentStatement(lines.stream().filter(line -> !line.paymentId().equals(paymentId)).toList());
    }

    /** The CSV text: the header and a line per payment, each ending with a line feed. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            csv.append(line.toCsv()).append('\n');
        }
        return csv.toString();
    }

    /** Writes the CSV to a file (UTF-8), replacing what was there. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }
}
