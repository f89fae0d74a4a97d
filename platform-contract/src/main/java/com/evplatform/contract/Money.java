package com.evplatform.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An exact amount of one currency, always held at that currency's minor unit (2 places for CNY
 * and EUR, 0 for JPY, 3 for KWD). Never floating point. On the wire
 * {@code {"amount":"12.34","currency":"CNY"}}: the amount is a decimal string, as all money in
 * the platform's API is.
 *
 * <p>Construction refuses an amount finer than the minor unit: rounding is a pricing decision
 * ({@link #roundedHalfUp}), never a side effect of building a value.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency)
        implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int minor = minorDigits(currency);
        if (amount.stripTrailingZeros().scale() > minor) {
            throw new IllegalArgumentException(amount + " is finer than " + currency + "'s minor unit (" + minor
                    + " decimals)");
        }
        amount = amount.setScale(minor, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    static Money fromJson(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
        return of(amount, currency);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** An amount in minor units: {@code ofMinor(1234, CNY)} is 12.34 CNY. */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, minorDigits(currency)), currency);
    }

    /** A computed amount rounded once, half-up, to the currency's minor unit. */
    public static Money roundedHalfUp(BigDecimal exact, Currency currency) {
        return new Money(exact.setScale(minorDigits(currency), RoundingMode.HALF_UP), currency);
    }

    /** Decimals of the currency's minor unit; currencies without one (pseudo-currencies) are refused. */
    public static int minorDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit");
        }
        return digits;
    }

    public long minorUnits() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money negated() {
        return new Money(amount.negate(), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
