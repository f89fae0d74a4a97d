package com.evplatform.device.contract;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.evplatform.device.contract.DeviceEvent.CommandStatus;
import com.evplatform.device.contract.DeviceEvent.MeterSample;
import com.evplatform.testsupport.ContractSamples;

import tools.jackson.databind.json.JsonMapper;

/**
 * device-service as a producer: every kind it publishes on device.events, and every command
 * kind on device.commands, goes on the wire exactly as the golden samples in device-contract
 * say; consumers' tests read the same files.
 */
class DeviceEventSamplesTest {

    private static final Instant AT = Instant.parse("2026-03-01T08:15:30Z");
    private static final String CP = "CP-0001";
    private static final String OPERATOR = "GREENVOLT";

    @Test
    void device_events_go_on_the_wire_as_the_golden_samples_say() {
        var samples = List.of(
                new DeviceEvent.ChargerBooted(CP, "Acme", "AC-22", "1.4.2", "Accepted", AT),
                new DeviceEvent.ChargerOnline(CP, AT),
                new DeviceEvent.ChargerOffline(CP, AT.plusSeconds(3600)),
                new DeviceEvent.ConnectorStatusChanged(CP, 1, "Charging", "NoError", null, AT),
                new DeviceEvent.TransactionStarted(CP, 1, 4711, "S0A1B2C3D4E5F6G7H8J9", "Accepted",
                        "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b", 100_000, AT, OPERATOR),
                new DeviceEvent.MeterValuesReported(CP, 1, 4711, "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b",
                        List.of(new MeterSample(AT.plusSeconds(900), 103_750L, 15_000L, 42, "Sample.Periodic"))),
                new DeviceEvent.TransactionStopped(CP, 1, 4711, "S0A1B2C3D4E5F6G7H8J9",
                        "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b", 100_000, 107_500, AT, AT.plusSeconds(1800), "Remote",
                        List.of(new MeterSample(AT.plusSeconds(1800), 107_500L, null, 55, "Transaction.End")),
                        OPERATOR),
                new DeviceEvent.CommandResult("5b8e2c1a-1f7d-4d7e-9a0b-6c5d4e3f2a1b", CP,
                        ChargerCommand.Kind.REMOTE_START, "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b",
                        CommandStatus.ACCEPTED, Map.of("response", Map.of("status", "Accepted"))));
        Map<Object, Object> byKind = new java.util.LinkedHashMap<>();
        samples.forEach(event -> byKind.put(DeviceEvents.kindOf(event), event));
        byKind.put(DeviceEvents.COMMAND, commands());

        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<com.evplatform.contract.MessageType<?>, Object> typed = (Map) byKind;
        var family = new java.util.ArrayList<com.evplatform.contract.MessageType<?>>(DeviceEvents.ALL_EVENTS);
        family.add(DeviceEvents.COMMAND);
        ContractSamples.assertProducerWrites(Path.of("../device-contract"), JsonMapper.builder().build(), family,
                typed);
    }

    /** One of each command kind, as charging-service (starts, stops) and operators (the rest) send them. */
    static List<ChargerCommand> commands() {
        String id = "5b8e2c1a-1f7d-4d7e-9a0b-6c5d4e3f2a1b";
        String session = "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b";
        return List.of(
                new ChargerCommand.RemoteStart(id, CP, 1, session, "S0A1B2C3D4E5F6G7H8J9"),
                new ChargerCommand.RemoteStop(id, CP, session, 4711),
                new ChargerCommand.CancelStart(id, CP, 1, session, "S0A1B2C3D4E5F6G7H8J9", true),
                new ChargerCommand.Reset(id, CP, "Hard"),
                new ChargerCommand.UnlockConnector(id, CP, 2),
                new ChargerCommand.ChangeAvailability(id, CP, 0, "Inoperative"),
                new ChargerCommand.TriggerMessage(id, CP, 1, "StatusNotification"),
                new ChargerCommand.GetConfiguration(id, CP, List.of("HeartbeatInterval")),
                new ChargerCommand.ChangeConfiguration(id, CP, "HeartbeatInterval", "300"));
    }
}
