package com.evplatform.charging.contract;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The station's tariff as it was when the session was requested: per kWh, time-of-use
 * segments sorted by start, the first at 00:00, each in force until the next. Sessions are
 * priced from this copy, whatever the operator changes later.
 */
public record TariffSnapshot(String currency, List<Segment> segments) {

    /** Fees per kWh; written as decimal strings ("0.80"), as all money is. */
    public record Segment(String start, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal electricityFee,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal serviceFee) {

        public LocalTime startTime() {
            return LocalTime.parse(start);
        }

        public BigDecimal pricePerKwh() {
            return electricityFee.add(serviceFee);
        }
    }

    public TariffSnapshot {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a tariff has at least one segment");
        }
    }

    /** The segment in force at a local time of day. */
    public Segment at(LocalTime time) {
        Segment current = segments.getFirst();
        for (Segment segment : segments) {
            if (!segment.startTime().isAfter(time)) {
                current = segment;
            }
        }
        return current;
    }
}
