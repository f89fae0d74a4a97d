package com.evplatform.reconciliation.runs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.Money;

class StatementCsvTest {

    static final String HEADER = "paymentId,topUpId,amount,currency,paidAt\n";

    static List<StatementLine> parse(String csv) {
        return StatementCsv.parse(new StringReader(csv), 100);
    }

    @Test
    void reads_every_payment_with_its_line_number() {
        List<StatementLine> lines = parse(HEADER + "pay-1,tu-1,50.00,CNY,2031-05-01T08:00:00Z\n"
                + "\"pay,2\",tu-2,0.5,CNY,2031-05-01T09:00:00Z\n");
        assertThat(lines).containsExactly(
                new StatementLine(2, "pay-1", "tu-1", Money.of("50.00", "CNY"), Instant.parse("2031-05-01T08:00:00Z")),
                new StatementLine(3, "pay,2", "tu-2", Money.of("0.50", "CNY"), Instant.parse("2031-05-01T09:00:00Z")));
    }

    @Test
    void reports_every_bad_line_at_once() {
        assertThatThrownBy(() -> parse(HEADER + "pay-1,tu-1,50.001,CNY,2031-05-01T08:00:00Z\n"
                + "pay-2,tu-2,abc,CNY,2031-05-01T08:00:00Z\n" + "pay-3,tu-3,5.00,XXX,2031-05-01T08:00:00Z\n"
                + "pay-4,tu-4,5.00,CNY,yesterday\n" + "pay-5,tu-5,-5.00,CNY,2031-05-01T08:00:00Z\n"
                + "pay-6,tu-6,5.00\n" + "pay-7,,5.00,CNY,2031-05-01T08:00:00Z\n"))
                .isInstanceOfSatisfying(StatementCsv.InvalidStatement.class, e -> assertThat(e.problems())
                        .hasSize(7).allSatisfy(problem -> assertThat(problem).startsWith("line "))
                        .anySatisfy(problem -> assertThat(problem).startsWith("line 7:"))
                        .anySatisfy(problem -> assertThat(problem).contains("topUpId is empty")));
    }

    @Test
    void refuses_a_wrong_header_an_empty_statement_repeated_payments_and_too_many_lines() {
        assertThatThrownBy(() -> parse("id,amount\nx,1\n")).isInstanceOf(StatementCsv.InvalidStatement.class)
                .hasMessageContaining("header");
        assertThatThrownBy(() -> parse(HEADER)).hasMessageContaining("no payments");
        assertThatThrownBy(() -> parse(HEADER + "pay-1,tu-1,5.00,CNY,2031-05-01T08:00:00Z\n"
                + "pay-1,tu-2,5.00,CNY,2031-05-01T08:00:00Z\n")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> StatementCsv.parse(new StringReader(HEADER
                + "pay-1,tu-1,5.00,CNY,2031-05-01T08:00:00Z\npay-2,tu-2,5.00,CNY,2031-05-01T08:00:00Z\n"), 1))
                .hasMessageContaining("at most 1 lines");
    }
}
