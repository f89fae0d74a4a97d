package com.evplatform.reconciliation.runs.infrastructure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

import com.evplatform.contract.Money;

/** Conversions between the runs' tables and the model. */
final class Sql {

    private Sql() {
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A DECIMAL(19,4) column and its currency column as Money at the currency's scale. */
    static Money money(ResultSet rs, String amountColumn, String currencyColumn) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(amountColumn);
        String currency = rs.getString(currencyColumn);
        if (amount == null || currency == null) {
            return null;
        }
        Currency unit = Currency.getInstance(currency);
        return Money.of(amount.setScale(Money.minorDigits(unit), java.math.RoundingMode.UNNECESSARY), unit);
    }

    /** {@code ?, ?, ?} for an IN list. */
    static String placeholders(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
