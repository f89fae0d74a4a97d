package com.evplatform.paymentprovider.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people type it: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, bare seconds, or ISO
 * {@code PT5S}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "", ChronoUnit.SECONDS, "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS);

    @Override
    public Duration convert(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.startsWith("PT")) {
            try {
                return notNegative(Duration.parse(value), text);
            } catch (DateTimeParseException e) {
                throw unreadable(text);
            }
        }
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        ChronoUnit unit = UNITS.get(value.substring(digits).strip().toLowerCase(Locale.ROOT));
        if (digits == 0 || unit == null) {
            throw unreadable(text);
        }
        try {
            return Duration.of(Long.parseLong(value.substring(0, digits)), unit);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw unreadable(text);
        }
    }

    private static Duration notNegative(Duration duration, String text) {
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + text + "' is negative");
        }
        return duration;
    }

    private static TypeConversionException unreadable(String text) {
        return new TypeConversionException("'" + text + "' is not a duration such as 250ms, 5s, 2m, 1h or PT5S");
    }
}
