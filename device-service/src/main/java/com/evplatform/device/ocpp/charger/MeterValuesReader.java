package com.evplatform.device.ocpp.charger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.evplatform.device.contract.DeviceEvent.MeterSample;
import com.evplatform.device.ocpp.protocol.ChargePointCodec;
import com.evplatform.device.ocpp.protocol.messages.MeterValue;
import com.evplatform.device.ocpp.protocol.messages.SampledValue;

import tools.jackson.databind.JsonNode;

/**
 * Reads OCPP 1.6 meter values (MeterValues, StopTransaction's transactionData), as decoded by the
 * protocol codec, into samples: the energy register from {@code Energy.Active.Import.Register} in Wh (kWh
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

    /** Reads the samples of decoded meter values; {@code null} (none sent) is no samples. */
    public static List<MeterSample> samples(List<MeterValue> meterValues) {
        List<MeterSample> samples = new ArrayList<>();
        if (meterValues == null) {
            return samples;
        }
        for (MeterValue meterValue : meterValues) {
            Instant timestamp = timestamp(meterValue.timestamp());
            Reading energy = new Reading();
            Reading power = new Reading();
            Reading soc = new Reading();
            String context = null;
            List<SampledValue> sampledValues = meterValue.sampledValue() == null ? List.of()
                    : meterValue.sampledValue();
            for (SampledValue sampled : sampledValues) {
                String measurand = sampled.measurandOrDefault();
                BigDecimal value = number(sampled.value());
                if (value == null) {
                    continue;
                }
                String unit = sampled.unit();
                boolean phase = sampled.phase() != null;
                if (context == null) {
                    context = sampled.context();
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

    /**
     * Reads a {@code meterValue} array still in JSON form: decoded by the protocol codec, then read
     * as {@link #samples}. Anything but an array is no samples.
     */
    public static List<MeterSample> read(JsonNode meterValues) {
        return samples(ChargePointCodec.meterValues(meterValues));
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

    /** An OCPP timestamp to the millisecond (what the database keeps, so equal stays equal). */
    public static Instant timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
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
