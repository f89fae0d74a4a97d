package com.evplatform.device.ocpp.charger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.evplatform.device.contract.DeviceEvent.MeterSample;

import tools.jackson.databind.JsonNode;

/**
 * Reads OCPP 1.6 {@code meterValue} arrays (MeterValues, StopTransaction's transactionData)
 * into samples: the energy register from {@code Energy.Active.Import.Register} in Wh (kWh
 * converted), active import power in W (kW converted), SoC in percent. A measurand reported
 * per phase without a total is summed over the phases; a total wins over phases. Omitted
 * measurand means the energy register, omitted unit Wh, as the specification defines.
 */
public final class MeterValuesReader {

    private static final String ENERGY = "Energy.Active.Import.Register";
    private static final String POWER = "Power.Active.Import";
    private static final String SOC = "SoC";

    private MeterValuesReader() {
    }

    public static List<MeterSample> read(JsonNode meterValues) {
        List<MeterSample> samples = new ArrayList<>();
        if (meterValues == null || !meterValues.isArray()) {
            return samples;
        }
        for (JsonNode meterValue : meterValues) {
            Instant timestamp = timestamp(meterValue.path("timestamp").asString());
            Reading energy = new Reading();
            Reading power = new Reading();
            Reading soc = new Reading();
            String context = null;
            for (JsonNode sampled : meterValue.path("sampledValue")) {
                String measurand = sampled.path("measurand").asString(ENERGY);
                BigDecimal value = number(sampled.path("value").asString());
                if (value == null) {
                    continue;
                }
                String unit = sampled.path("unit").asString(null);
                boolean phase = sampled.hasNonNull("phase");
                if (context == null) {
                    context = sampled.path("context").asString(null);
                }
                switch (measurand) {
                    case ENERGY -> energy.add(toBase(value, unit, "kWh"), phase);
                    case POWER -> power.add(toBase(value, unit, "kW"), phase);
                    case SOC -> soc.add(value, phase);
                    default -> {
                        // Other measurands (current, voltage, temperature, ...) are not used by billing.
                    }
                }
            }
            if (energy.present() || power.present() || soc.present()) {
                samples.add(new MeterSample(timestamp, energy.wholeLong(), power.wholeLong(),
                        soc.present() ? soc.value().setScale(0, RoundingMode.HALF_UP).intValueExact() : null,
                        context));
            }
        }
        return samples;
    }

    /** The last energy register reading among the samples, if any. */
    public static Long lastEnergyWh(List<MeterSample> samples) {
        Long last = null;
        for (MeterSample sample : samples) {
            if (sample.energyWh() != null) {
                last = sample.energyWh();
            }
        }
        return last;
    }

    /** An OCPP timestamp in UTC, to the millisecond (what the database keeps, so equal stays equal). */
    public static Instant timestamp(String text) {
        return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static BigDecimal toBase(BigDecimal value, String unit, String kiloUnit) {
        return kiloUnit.equals(unit) ? value.movePointRight(3) : value;
    }

    private static BigDecimal number(String text) {
        try {
            return text == null ? null : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One measurand of one sampling instant: the total if reported, else the sum of its phases. */
    private static final class Reading {
        private BigDecimal total;
        private BigDecimal phases;

        void add(BigDecimal value, boolean phase) {
            if (phase) {
                phases = phases == null ? value : phases.add(value);
            } else {
                total = value;
            }
        }

        boolean present() {
            return total != null || phases != null;
        }

        BigDecimal value() {
            return total != null ? total : phases;
        }

        Long wholeLong() {
            return present() ? value().setScale(0, RoundingMode.HALF_UP).longValueExact() : null;
        }
    }
}
