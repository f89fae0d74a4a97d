package com.evplatform.charging.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The platform's one pricing function (ARCHITECTURE.md section 4): the live cost in
 * charging-service, the bill in order-service and reconciliation's recomputation all come from
 * here. Energy in Wh (long), money exact, never floating point.
 *
 * <p>The rules, each covered by a property test against an independent reference:
 * <ul>
 * <li>Readings are clamped to [meter start, meter stop] and the register never runs backwards:
 *     a reading below the one before it, or above the stop value, adds no energy. So the
 *     segments' energies always sum to exactly meter stop - meter start.</li>
 * <li>The energy between two readings is split between the time-of-use segments the interval
 *     spans in proportion to time, in whole Wh, by the highest-averages (D'Hondt) method: a
 *     segment's share never shrinks when the interval's energy grows, so more energy never
 *     costs less. A session without readings is one interval from start to stop.</li>
 * <li>Segments follow the local time of the station's zone, daylight saving included.</li>
 * <li>Each segment's line is rounded once, half-up, to the currency's minor unit; the total is
 *     the sum of the lines.</li>
 * </ul>
 */
public final class Pricing {

    /** A meter reading: the register (Wh) at an instant. */
    public record Reading(Instant at, long energyWh) {
    }

    /**
     * The energy charged while one segment was in force and what it costs, rounded once.
     *
     * @param amount energy x (electricity fee + service fee), half-up to the minor unit
     */
    public record SegmentEnergy(String segmentStart, long energyWh,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal electricityFee,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal serviceFee,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * A priced session.
     *
     * @param electricityAmount the electricity fees, each line's rounded once and summed
     * @param serviceAmount the rest of the total, so that electricity + service = total exactly
     */
    public record Bill(List<SegmentEnergy> lines, EnergyWh energy, Money electricityAmount, Money serviceAmount,
            Money total) {
        public Bill {
            lines = List.copyOf(lines);
        }
    }

    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private Pricing() {
    }

    /**
     * The bill of a finished session.
     *
     * @param readings what the charger reported in between, in any order; those outside
     *        [start, stop] in time are not part of the session and are ignored
     */
    public static Bill bill(TariffSnapshot tariff, ZoneId zone, Reading start, Reading stop, List<Reading> readings) {
        long low = start.energyWh();
        long high = Math.max(low, stop.energyWh());
        List<Reading> points = new ArrayList<>();
        points.add(new Reading(start.at(), low));
        readings.stream()
                .filter(r -> !r.at().isBefore(start.at()) && !r.at().isAfter(stop.at()))
                .sorted(Comparator.comparing(Reading::at))
                .forEach(points::add);
        points.add(new Reading(stop.at(), high));
        long[] energy = new long[tariff.segments().size()];
        long register = low;
        for (int i = 1; i < points.size(); i++) {
            long value = Math.max(register, Math.clamp(points.get(i).energyWh(), low, high));
            allocate(tariff, zone, value - register, points.get(i - 1).at(), points.get(i).at(), energy);
            register = value;
        }
        return price(tariff, energy);
    }

    /**
     * The cost so far of a running session: as if it stopped at its latest reading (readings
     * above that one do not count until the register reaches them).
     */
    public static Bill soFar(TariffSnapshot tariff, ZoneId zone, Reading start, List<Reading> readings) {
        Reading latest = readings.stream().filter(r -> !r.at().isBefore(start.at()))
                .max(Comparator.comparing(Reading::at)).orElse(start);
        List<Reading> before = readings.stream().filter(r -> r.at().isBefore(latest.at())).toList();
        return bill(tariff, zone, start, latest, before);
    }

    /**
     * Splits {@code wh} over [from, to) in proportion to the time each segment was in force:
     * D'Hondt over the pieces' durations. Every piece first gets the whole Wh its exact share
     * holds (those are exactly the D'Hondt quotients at or below the energy); the few left go,
     * one at a time, to the piece with the smallest next quotient, earlier pieces first on a tie.
     */
    private static void allocate(TariffSnapshot tariff, ZoneId zone, long wh, Instant from, Instant to,
            long[] energy) {
        if (wh == 0) {
            return;
        }
        List<Piece> pieces = pieces(tariff, zone, from, to);
        if (pieces.isEmpty()) {
            energy[tariff.indexAt(from.atZone(zone).toLocalTime())] += wh;
            return;
        }
        BigInteger total = BigInteger.ZERO;
        for (Piece piece : pieces) {
            total = total.add(BigInteger.valueOf(piece.nanos()));
        }
        BigInteger energyTotal = BigInteger.valueOf(wh);
        long[] seats = new long[pieces.size()];
        long given = 0;
        for (int k = 0; k < pieces.size(); k++) {
            seats[k] = energyTotal.multiply(BigInteger.valueOf(pieces.get(k).nanos())).divide(total).longValueExact();
            given += seats[k];
        }
        for (long left = wh - given; left > 0; left--) {
            int best = 0;
            for (int k = 1; k < pieces.size(); k++) {
                // (seats[k] + 1) / w[k] < (seats[best] + 1) / w[best], without dividing
                BigInteger mine = BigInteger.valueOf(seats[k] + 1).multiply(BigInteger.valueOf(pieces.get(best).nanos()));
                BigInteger theirs = BigInteger.valueOf(seats[best] + 1)
                        .multiply(BigInteger.valueOf(pieces.get(k).nanos()));
                if (mine.compareTo(theirs) < 0) {
                    best = k;
                }
            }
            seats[best]++;
        }
        for (int k = 0; k < pieces.size(); k++) {
            energy[pieces.get(k).segment()] += seats[k];
        }
    }

    /** A stretch of time during which one segment was in force. */
    private record Piece(int segment, long nanos) {
    }

    /**
     * The maximal stretches of [from, to) under one segment, in the zone's local time; empty if
     * to <= from.
     */
    private static List<Piece> pieces(TariffSnapshot tariff, ZoneId zone, Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        ZoneRules rules = zone.getRules();
        Instant at = from;
        while (at.isBefore(to)) {
            ZonedDateTime local = at.atZone(zone);
            int segment = tariff.indexAt(local.toLocalTime());
            Instant end = min(nextChange(tariff, rules, zone, local, segment), to);
            long nanos = Duration.between(at, end).toNanos();
            if (!pieces.isEmpty() && pieces.getLast().segment() == segment) {
                // A clock change inside a segment does not end the stretch.
                pieces.set(pieces.size() - 1, new Piece(segment, pieces.getLast().nanos() + nanos));
            } else {
                pieces.add(new Piece(segment, nanos));
            }
            at = end;
        }
        return pieces;
    }

    /** The first instant after {@code local} at which the segment in force may change. */
    private static Instant nextChange(TariffSnapshot tariff, ZoneRules rules, ZoneId zone, ZonedDateTime local,
            int segment) {
        Instant now = local.toInstant();
        List<TariffSnapshot.Segment> segments = tariff.segments();
        LocalDateTime boundary = segment + 1 < segments.size()
                ? local.toLocalDate().atTime(segments.get(segment + 1).startTime())
                : local.toLocalDate().plusDays(1).atStartOfDay();
        Instant next;
        ZoneOffsetTransition transition = rules.getTransition(boundary);
        if (transition != null && transition.isGap()) {
            next = transition.getInstant(); // the boundary's local time never happens that day
        } else {
            ZonedDateTime candidate = ZonedDateTime.ofLocal(boundary, zone, local.getOffset());
            if (!candidate.toInstant().isAfter(now)) {
                candidate = candidate.withLaterOffsetAtOverlap();
            }
            next = candidate.toInstant().isAfter(now) ? candidate.toInstant() : now.plus(Duration.ofDays(1));
        }
        // Clocks turned back or forward: the local time, and so the segment, jumps at that instant.
        ZoneOffsetTransition change = rules.nextTransition(now);
        return change != null && change.getInstant().isBefore(next) ? change.getInstant() : next;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * The bill for energy already split by segment (an order's lines): what order-service and
     * reconciliation recompute from an order's tariff snapshot.
     */
    public static Bill reprice(TariffSnapshot tariff, List<SegmentEnergy> lines) {
        long[] energy = new long[tariff.segments().size()];
        for (SegmentEnergy line : lines) {
            int index = -1;
            for (int i = 0; i < tariff.segments().size(); i++) {
                if (tariff.segments().get(i).start().equals(line.segmentStart())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new IllegalArgumentException("the tariff has no segment starting at " + line.segmentStart());
            }
            energy[index] = Math.addExact(energy[index], line.energyWh());
        }
        return price(tariff, energy);
    }

    private static Bill price(TariffSnapshot tariff, long[] energy) {
        Currency currency = Currency.getInstance(tariff.currency());
        List<SegmentEnergy> lines = new ArrayList<>();
        Money total = Money.zero(currency);
        Money electricity = Money.zero(currency);
        long wh = 0;
        for (int i = 0; i < energy.length; i++) {
            if (energy[i] == 0) {
                continue;
            }
            TariffSnapshot.Segment segment = tariff.segments().get(i);
            Money amount = Money.roundedHalfUp(kwh(energy[i]).multiply(segment.pricePerKwh()), currency);
            lines.add(new SegmentEnergy(segment.start(), energy[i], segment.electricityFee(), segment.serviceFee(),
                    amount.amount()));
            total = total.plus(amount);
            electricity = electricity.plus(Money.roundedHalfUp(kwh(energy[i]).multiply(segment.electricityFee()),
                    currency));
            wh += energy[i];
        }
        return new Bill(lines, EnergyWh.of(wh), electricity, total.minus(electricity), total);
    }

    private static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(wh).divide(WH_PER_KWH, 3, RoundingMode.UNNECESSARY);
    }
}
