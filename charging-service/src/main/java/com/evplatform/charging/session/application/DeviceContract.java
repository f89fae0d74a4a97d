package com.evplatform.charging.session.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.evplatform.messaging.ExchangeDefinition;

/**
 * device-service's messages as charging-service reads and writes them: the exchanges exactly
 * as device-service declares them, and the payload fields this service uses.
 */
public final class DeviceContract {

    public static final ExchangeDefinition DEVICE_EVENTS = ExchangeDefinition.topic("device.events", 4)
            .keepingUnrouted();
    public static final ExchangeDefinition DEVICE_COMMANDS = ExchangeDefinition.direct("device.commands");

    public static final String TRANSACTION_STARTED = "device.transaction-started";
    public static final String METER_VALUES = "device.meter-values";
    public static final String TRANSACTION_STOPPED = "device.transaction-stopped";
    public static final String COMMAND_RESULT = "device.command-result";
    public static final String COMMAND = "device.command";

    private DeviceContract() {
    }

    public static String commandRoutingKey(String chargePointId) {
        return "cp." + chargePointId;
    }

    public record TransactionStarted(String chargePointId, int connectorId, int transactionId, String idTag,
            String idTagStatus, String sessionId, long meterStartWh, Instant timestamp) {
    }

    public record MeterSample(Instant timestamp, Long energyWh, Long powerW, Integer soc, String context) {
    }

    public record MeterValuesReported(String chargePointId, int connectorId, Integer transactionId, String sessionId,
            List<MeterSample> samples) {
    }

    public record TransactionStopped(String chargePointId, int connectorId, int transactionId, String idTag,
            String sessionId, long meterStartWh, long meterStopWh, Instant startedAt, Instant timestamp,
            String reason, List<MeterSample> samples) {
    }

    public record Command(String commandId, String chargePointId, String type, Integer connectorId, String sessionId,
            Map<String, Object> params) {
    }

    public record CommandResult(String commandId, String chargePointId, String type, String sessionId, String status,
            Map<String, Object> result) {
    }
}
