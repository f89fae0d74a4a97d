package com.evplatform.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentStatementTest {

    private static final Instant AT = Instant.parse("2025-03-01T08:30:00.250Z");

    private static PaymentEvent event(String paymentId, PaymentEvent.Type type, String topUpId, String amount,
            Instant at) {
        return new PaymentEvent("evt_" + paymentId, type, paymentId, topUpId, new BigDecimal(amount), "CNY", at);
    }

    private static Payment delivered(PaymentEvent event) {
        return new Payment(event, new Delivery(event, Corruption.NONE, event.toJson(), null, 200, "", "",
                Duration.ZERO));
    }

    @Test
    void listsTheSucceededPaymentsUnderTheHeader() {
        PaymentStatement statement = PaymentStatement.of(List.of(
                delivered(event("pay_1", PaymentEvent.Type.SUCCEEDED, "TU-1", "50", AT)),
                delivered(event("pay_2", PaymentEvent.Type.FAILED, "TU-2", "20.00", AT.plusSeconds(60))),
                delivered(event("pay_3", PaymentEvent.Type.SUCCEEDED, "TU-3", "5.00",
                        Instant.parse("2025-03-02T00:00:00Z")))));

        assertThat(statement.toCsv()).isEqualTo("""
                paymentId,topUpId,amount,currency,paidAt
                pay_1,TU-1,50.00,CNY,2025-03-01T08:30:00.250Z
                pay_3,TU-3,5.00,CNY,2025-03-02T00:00:00Z
                """);
    }

    @Test
    void paidAtIsTheOccurredAtOfTheWebhook() {
        PaymentEvent event = event("pay_1", PaymentEvent.Type.SUCCEEDED, "TU-1", "50.00", AT);

        String paidAt = PaymentStatement.ofEvents(List.of(event)).toCsv().lines().skip(1).findFirst().orElseThrow()
                .split(",")[4];

        assertThat(event.toJson()).contains("\"occurredAt\":\"" + paidAt + "\"");
    }

    @Test
    void anEmptyStatementIsJustTheHeader() {
        assertThat(PaymentStatement.ofEvents(List.of()).toCsv()).isEqualTo(PaymentStatement.HEADER + "\n");
    }

    @Test
    void quotesFieldsThatWouldBreakTheColumns() {
        PaymentStatement statement = PaymentStatement.ofEvents(List.of(
                event("pay_1", PaymentEvent.Type.SUCCEEDED, "TU,\"odd\"", "1.00", AT)));

        assertThat(statement.toCsv()).contains("pay_1,\"TU,\"\"odd\"\"\",1.00,CNY,");
    }

    @Test
    void stagesDifferencesForReconciliation() {
        PaymentEvent credited = event("pay_1", PaymentEvent.Type.SUCCEEDED, "TU-1", "50.00", AT);
        PaymentEvent unknownToStatement = event("pay_2", PaymentEvent.Type.SUCCEEDED, "TU-2", "20.00", AT);
        PaymentEvent lost = event("pay_3", PaymentEvent.Type.SUCCEEDED, "TU-3", "5.00", AT);

        PaymentStatement statement = PaymentStatement.ofEvents(List.of(credited, unknownToStatement))
                .without("pay_2")
                .with(PaymentStatement.Line.of(lost))
                .without("pay_1")
                .with(PaymentStatement.Line.of(credited).withAmount(new BigDecimal("49.99")));

        assertThat(statement.lines()).extracting(PaymentStatement.Line::paymentId).containsExactly("pay_3", "pay_1");
        assertThat(statement.toCsv()).contains("pay_1,TU-1,49.99,CNY,").doesNotContain("pay_2");
    }

    @Test
    void writesTheCsvToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("statement.csv");
        PaymentStatement statement = PaymentStatement.ofLines(List.of(
                new PaymentStatement.Line("pay_1", "TU-1", new BigDecimal("50.00"), "CNY", AT)));

        statement.write(file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(statement.toCsv())
                .startsWith(PaymentStatement.HEADER + "\npay_1,TU-1,50.00,CNY,");
    }
}
