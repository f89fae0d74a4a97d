package com.evplatform.charging.contract;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.MessageType;
import com.evplatform.testsupport.ContractSamples;

import tools.jackson.databind.json.JsonMapper;

/** charging-service as a producer: its session events go on the wire as charging-contract's golden samples say. */
class SessionEventSamplesTest {

    static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("08:00", new BigDecimal("1.20"), new BigDecimal("0.60")),
            new TariffSnapshot.Segment("22:00", new BigDecimal("0.60"), new BigDecimal("0.40"))));
    private static final Instant START = Instant.parse("2026-03-01T07:30:00Z");
    private static final Instant STOP = Instant.parse("2026-03-01T08:30:00Z");
    private static final String SESSION = "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b";
    private static final String USER = "0190f1d2-0000-7a10-8b1e-000000000001";

    @Test
    void session_events_go_on_the_wire_as_the_golden_samples_say() {
        var bill = Pricing.bill(TARIFF, ZoneOffset.UTC, new Pricing.Reading(START, 100_000),
                new Pricing.Reading(STOP, 107_500), List.of(new Pricing.Reading(START.plusSeconds(1800), 103_000)));
        Map<MessageType<?>, Object> samples = Map.of(
                ChargingEvents.SESSION_STARTED, new SessionEvent.SessionStarted(SESSION, USER, "GREENVOLT",
                        ConnectorCode.of("CP-0001-1"), "CP-0001", 1, 4711, 100_000, START, TARIFF),
                ChargingEvents.SESSION_COMPLETED, new SessionEvent.SessionCompleted(SESSION, USER, "GREENVOLT",
                        ConnectorCode.of("CP-0001-1"), "CP-0001", 1, 4711, 100_000, 107_500, EnergyWh.of(7_500),
                        START, STOP, StopReason.USER, bill.lines(), bill.total(), TARIFF),
                ChargingEvents.SESSION_FAILED, new SessionEvent.SessionFailed(SESSION, USER,
                        ConnectorCode.of("CP-0001-1"), "CP-0001", FailureReason.START_TIMEOUT, START));

        ContractSamples.assertProducerWrites(Path.of("../charging-contract"), JsonMapper.builder().build(),
                ChargingEvents.ALL, samples);
    }
}
