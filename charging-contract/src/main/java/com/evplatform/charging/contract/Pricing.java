package com.evplatform.charging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.evplatform.contract.Money;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Energy and money by time-of-use segment (ARCHITECTURE.md section 4): energy in Wh (long),
 * money as decimals, never floating point. Each metered interval's energy belongs to the
 * segment in force when the interval began (local time of the tariff's zone); the price is
 * the sum over segments of kWh x (electricity fee + service fee), rounded once, half-up, to
 * the currency's minor unit.
 */
public final class Pricing {

    /** A meter reading: the register (Wh) at an instant. */
    public record Reading(Instant at, long energyWh) {
    }

    /** The energy charged while one segment was in force, and what it costs (not rounded). */
    public record SegmentEnergy(String segmentStart, long energyWh,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal electricityFee,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal serviceFee,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private Pricing() {
    }

    /**
     * @param readings the register from the meter start on, in time order; a reading lower
     *        than the one before it is ignored (a register never runs backwards)
     */
    public static List<SegmentEnergy> bySegment(TariffSnapshot tariff, List<Reading> readings, ZoneId zone) {
        Map<TariffSnapshot.Segment, Long> energy = new LinkedHashMap<>();
        for (int i = 1, previous = 0; i < readings.size(); i++) {
            Reading from = readings.get(previous);
            Reading to = readings.get(i);
            if (to.energyWh() < from.energyWh() || to.at().isBefore(from.at())) {
                continue;
            }
            TariffSnapshot.Segment segment = tariff.at(from.at().atZone(zone).toLocalTime());
            energy.merge(segment, to.energyWh() - from.energyWh(), Long::sum);
            previous = i;
        }
        List<SegmentEnergy> lines = new ArrayList<>();
        for (TariffSnapshot.Segment segment : tariff.segments()) {
            Long wh = energy.get(segment);
            if (wh != null && wh > 0) {
                BigDecimal amount = BigDecimal.valueOf(wh).multiply(segment.pricePerKwh())
                        .divide(WH_PER_KWH);
                lines.add(new SegmentEnergy(segment.start(), wh, segment.electricityFee(), segment.serviceFee(),
                        amount));
            }
        }
        return lines;
    }

    /** The sum of the lines, rounded once, half-up, to the currency's minor unit. */
    public static Money total(TariffSnapshot tariff, List<SegmentEnergy> lines) {
        BigDecimal exact = lines.stream().map(SegmentEnergy::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Money.roundedHalfUp(exact, Currency.getInstance(tariff.currency()));
    }
}
