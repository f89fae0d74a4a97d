package com.evplatform.reconciliation.runs.model;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.evplatform.contract.Money;

/**
 * Reads a payment provider statement: a header {@code paymentId,topUpId,amount,currency,paidAt}
 * and one payment per line. Everything wrong is reported at once, by line, and nothing is kept
 * from a statement with any error.
 */
public final class StatementCsv {

    public static final List<String> COLUMNS = List.of("paymentId", "topUpId", "amount", "currency", "paidAt");

    /** What is wrong with a statement, line by line (line 1 is the header). */
    public static final class InvalidStatement extends RuntimeException {
        private final List<String> problems;

        InvalidStatement(List<String> problems) {
            super(String.join("; ", problems.subList(0, Math.min(problems.size(), 10))), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private StatementCsv() {
    }

    public static List<StatementLine> parse(Reader csv, int maxLines) {
        List<String> problems = new ArrayList<>();
        List<StatementLine> lines = new ArrayList<>();
        Set<String> paymentIds = new HashSet<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new InvalidStatement(List.of("line 1: the header is " + String.join(",", COLUMNS)));
            }
            for (CSVRecord record : parser) {
                int lineNo = (int) record.getRecordNumber() + 1;
                if (lines.size() + problems.size() >= maxLines) {
                    throw new InvalidStatement(List.of("a statement has at most " + maxLines + " lines"));
                }
                if (record.size() != COLUMNS.size()) {
                    problems.add("line " + lineNo + ": " + record.size() + " columns, expected " + COLUMNS.size());
                    continue;
                }
                try {
                    StatementLine line = line(lineNo, record);
                    if (!paymentIds.add(line.paymentId())) {
                        problems.add("line " + lineNo + ": payment " + line.paymentId() + " appears twice");
                    }
                    lines.add(line);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    problems.add("line " + lineNo + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new InvalidStatement(List.of("not a CSV statement: " + e.getMessage()));
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add("the statement has no payments");
        }
        if (!problems.isEmpty()) {
            throw new InvalidStatement(problems);
        }
        return List.copyOf(lines);
    }

    private static StatementLine line(int lineNo, CSVRecord record) {
        String paymentId = required(record.get("paymentId"), "paymentId", 100);
        String topUpId = required(record.get("topUpId"), "topUpId", 36);
        BigDecimal amount;
        try {
            amount = new BigDecimal(required(record.get("amount"), "amount", 30));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount " + record.get("amount") + " is not a decimal number");
        }
        String currency = required(record.get("currency"), "currency", 3);
        Money money = Money.of(amount, java.util.Currency.getInstance(currency));
        if (!money.isPositive()) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Instant paidAt = Instant.parse(required(record.get("paidAt"), "paidAt", 40));
        return new StatementLine(lineNo, paymentId, topUpId, money, paidAt);
    }

    private static String required(String value, String column, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(column + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
