package com.evplatform.device.ocpp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.evplatform.messaging.ExchangeDefinition;

/**
 * The messaging contract of device-service: the events it publishes about chargers
 * ({@code device.events}, partitioned by charge point so each charger's events stay in order)
 * and the commands it takes ({@code device.commands}, routed to the instance holding the
 * charger's WebSocket by {@code cp.<chargePointId>}).
 */
public final class DeviceMessages {

    public static final ExchangeDefinition DEVICE_EVENTS = ExchangeDefinition.topic("device.events", 4)
            .keepingUnrouted();
    public static final ExchangeDefinition DEVICE_COMMANDS = ExchangeDefinition.direct("device.commands");

    public static final String CHARGER_BOOTED = "device.charger-booted";
    public static final String CHARGER_ONLINE = "device.charger-online";
    public static final String CHARGER_OFFLINE = "device.charger-offline";
    public static final String CONNECTOR_STATUS_CHANGED = "device.connector-status-changed";
    public static final String TRANSACTION_STARTED = "device.transaction-started";
    public static final String METER_VALUES = "device.meter-values";
    public static final String TRANSACTION_STOPPED = "device.transaction-stopped";
    public static final String COMMAND_RESULT = "device.command-result";

    /** The one command message type; {@link Command#type()} says which OCPP call it becomes. */
    public static final String COMMAND = "device.command";

    private DeviceMessages() {
    }

    public static String commandRoutingKey(String chargePointId) {
        return "cp." + chargePointId;
    }

    public record ChargerBooted(String chargePointId, String vendor, String model, String firmware,
            String registrationStatus, Instant at) {
    }

    public record ChargerConnection(String chargePointId, Instant at) {
    }

    public record ConnectorStatusChanged(String chargePointId, int connectorId, String status, String errorCode,
            String info, Instant timestamp) {
    }

    /**
     * @param sessionId the charging session whose remote start issued {@code idTag}, if any
     * @param idTagStatus what the central system answered: Accepted for a tag it issued, else Invalid
     */
    public record TransactionStarted(String chargePointId, int connectorId, int transactionId, String idTag,
            String idTagStatus, String sessionId, long meterStartWh, Instant timestamp) {
    }

    /** One sampling instant: the register (Wh), the power (W) and the state of charge, where reported. */
    public record MeterSample(Instant timestamp, Long energyWh, Long powerW, Integer soc, String context) {
    }

    public record MeterValuesReported(String chargePointId, int connectorId, Integer transactionId,
            String sessionId, List<MeterSample> samples) {
    }

    /** @param reason OCPP's stop reason (Local, Remote, EVDisconnected, ...); Local when the charger gave none */
    public record TransactionStopped(String chargePointId, int connectorId, int transactionId, String idTag,
            String sessionId, long meterStartWh, long meterStopWh, Instant startedAt, Instant timestamp,
            String reason, List<MeterSample> samples) {
    }

    /**
     * A command for a charger.
     *
     * @param commandId the sender's id; the result carries it back
     * @param type REMOTE_START, REMOTE_STOP, RESET, UNLOCK_CONNECTOR, CHANGE_AVAILABILITY,
     *        TRIGGER_MESSAGE, GET_CONFIGURATION, CHANGE_CONFIGURATION, or CANCEL_START (revoke a
     *        remote start's idTag and stop a transaction it started)
     * @param sessionId the charging session it serves, if any (REMOTE_START and REMOTE_STOP)
     * @param params the OCPP request's fields beyond connectorId (idTag, transactionId, type, ...)
     */
    public record Command(String commandId, String chargePointId, String type, Integer connectorId,
            String sessionId, Map<String, Object> params) {
    }

    /** @param status ACCEPTED, REJECTED, TIMED_OUT or FAILED; {@code result} is the charger's answer or why it failed */
    public record CommandResult(String commandId, String chargePointId, String type, String sessionId,
            String status, Map<String, Object> result) {
    }
}
