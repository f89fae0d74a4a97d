package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.device.contract.DeviceEvent.MeterSample;
import com.evplatform.device.ocpp.charger.MeterValuesReader;

import tools.jackson.databind.json.JsonMapper;

class MeterValuesReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<MeterSample> read(String meterValue) {
        return MeterValuesReader.read(JSON.readTree(meterValue));
    }

    @Test
    void energy_in_kwh_is_normalised_to_wh_and_power_in_kw_to_w() {
        List<MeterSample> samples = read("""
                [{"timestamp":"2026-11-22T16:00:00+08:00","sampledValue":[
                  {"value":"12.3456","measurand":"Energy.Active.Import.Register","unit":"kWh"},
                  {"value":"7.2","measurand":"Power.Active.Import","unit":"kW"},
                  {"value":"57.6","measurand":"SoC","unit":"Percent"}]}]""");

        assertThat(samples).containsExactly(new MeterSample(Instant.parse("2026-11-22T08:00:00Z"), 12_346L, 7_200L,
                58, null));
    }

    @Test
    void an_omitted_measurand_is_the_energy_register_in_wh() {
        assertThat(read("[{\"timestamp\":\"2026-11-22T08:00:00Z\",\"sampledValue\":[{\"value\":\"1500\"}]}]")
                .getFirst().energyWh()).isEqualTo(1_500L);
    }

    @Test
    void phases_are_summed_when_no_total_is_reported_and_a_total_wins_over_phases() {
        List<MeterSample> phasesOnly = read("""
                [{"timestamp":"2026-11-22T08:00:00Z","sampledValue":[
                  {"value":"2000","measurand":"Power.Active.Import","unit":"W","phase":"L1"},
                  {"value":"2100","measurand":"Power.Active.Import","unit":"W","phase":"L2"},
                  {"value":"1900","measurand":"Power.Active.Import","unit":"W","phase":"L3"}]}]""");
        assertThat(phasesOnly.getFirst().powerW()).isEqualTo(6_000L);
        assertThat(phasesOnly.getFirst().energyWh()).isNull();

        List<MeterSample> withTotal = read("""
                [{"timestamp":"2026-11-22T08:00:00Z","sampledValue":[
                  {"value":"2000","measurand":"Power.Active.Import","unit":"W","phase":"L1"},
                  {"value":"6500","measurand":"Power.Active.Import","unit":"W"}]}]""");
        assertThat(withTotal.getFirst().powerW()).isEqualTo(6_500L);
    }

    @Test
    void measurands_billing_does_not_use_are_skipped_and_samples_without_any_are_dropped() {
        assertThat(read("""
                [{"timestamp":"2026-11-22T08:00:00Z","sampledValue":[
                  {"value":"230","measurand":"Voltage","unit":"V"}]}]""")).isEmpty();
        assertThat(MeterValuesReader.read(null)).isEmpty();
    }

    @Test
    void the_last_energy_reading_is_found_among_samples() {
        List<MeterSample> samples = read("""
                [{"timestamp":"2026-11-22T08:00:00Z","sampledValue":[{"value":"100"}]},
                 {"timestamp":"2026-11-22T08:01:00Z","sampledValue":[{"value":"7","measurand":"SoC"}]},
                 {"timestamp":"2026-11-22T08:02:00Z","sampledValue":[{"value":"250"}]}]""");
        assertThat(MeterValuesReader.lastEnergyWh(samples)).isEqualTo(250L);
    }
}
