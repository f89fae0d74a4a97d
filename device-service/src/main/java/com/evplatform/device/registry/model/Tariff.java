package com.evplatform.device.registry.model;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A time-of-use price list, per kWh: segments sorted by start, the first at 00:00, each in
 * force until the next (or midnight). Fees are non-negative, below a million per kWh (a price
 * in any currency fits, and a session's cost fits the ledger's columns) and have at most 4 decimals.
 */
public record Tariff(String currency, List<Segment> segments) {

    public record Segment(LocalTime start, BigDecimal electricityFee, BigDecimal serviceFee) {

        private static final BigDecimal FEE_LIMIT = BigDecimal.valueOf(1_000_000);

        public Segment {
            Objects.requireNonNull(start, "start");
            requireFee(electricityFee, "electricityFee");
            requireFee(serviceFee, "serviceFee");
        }

        private static void requireFee(BigDecimal fee, String name) {
            if (fee == null || fee.signum() < 0 || fee.compareTo(FEE_LIMIT) >= 0
                    || fee.stripTrailingZeros().scale() > 4) {
                throw new InvalidTariffException(name + " must be >= 0 and below 1000000 with at most 4 decimals");
            }
        }
    }

    public Tariff {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new InvalidTariffException("currency must be an ISO 4217 code such as CNY");
        }
        if (segments == null || segments.isEmpty() || segments.size() > 48) {
            throw new InvalidTariffException("a tariff has 1 to 48 segments");
        }
        segments = List.copyOf(segments);
        if (!segments.getFirst().start().equals(LocalTime.MIDNIGHT)) {
            throw new InvalidTariffException("the first segment starts at 00:00");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (!segments.get(i).start().isAfter(segments.get(i - 1).start())) {
                throw new InvalidTariffException("segments are sorted by start, each later than the one before");
            }
        }
    }

    /** The segment in force at a time of day. */
    public Segment at(LocalTime time) {
        Segment current = segments.getFirst();
        for (Segment segment : segments) {
            if (!segment.start().isAfter(time)) {
                current = segment;
            }
        }
        return current;
    }

    /** A tariff that breaks the rules above. */
    public static class InvalidTariffException extends RuntimeException {
        public InvalidTariffException(String message) {
            super(message);
        }
    }
}
