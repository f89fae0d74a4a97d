package com.evplatform.charging.contract;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The station's tariff as it was when the session was requested: per kWh, time-of-use
 * segments sorted by start, the first at 00:00, each in force until the next. Sessions are
 * priced from this copy, whatever the operator changes later. {@code timeZone} (IANA, e.g.
 * {@code Asia/Shanghai}) is the station's: segments follow its local time.
 */
public record TariffSnapshot(String currency, List<Segment> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) {

    /** A tariff whose segments follow the platform's default zone (no station zone known). */
    public TariffSnapshot(String currency, List<Segment> segments) {
        this(currency, segments, null);
    }

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
        if (timeZone != null) {
            ZoneId.of(timeZone); // refuses an unknown zone here, not when a bill is due
        }
        if (!segments.getFirst().startTime().equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("the first segment starts at 00:00");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (!segments.get(i).startTime().isAfter(segments.get(i - 1).startTime())) {
                throw new IllegalArgumentException("segments are sorted by start, each start once");
            }
        }
        for (Segment segment : segments) {
            if (segment.electricityFee().signum() < 0 || segment.serviceFee().signum() < 0) {
                throw new IllegalArgumentException("fees are never negative");
            }
        }
    }

    /** The zone whose local time the segments follow: the station's, when the snapshot names it. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(timeZone).map(ZoneId::of);
    }

    /** The segment in force at a local time of day. */
    public Segment at(LocalTime time) {
        return segments.get(indexAt(time));
    }

    /** Position in {@link #segments()} of the segment in force at a local time of day. */
    public int indexAt(LocalTime time) {
        int current = 0;
        for (int i = 1; i < segments.size() && !segments.get(i).startTime().isAfter(time); i++) {
            current = i;
        }
        return current;
    }
}
