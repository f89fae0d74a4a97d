package com.evplatform.device.contract;

import java.util.List;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/**
 * device-service's published contract: {@code device.events} with one message kind per
 * {@link DeviceEvent}, and {@code device.commands}, where senders put {@link ChargerCommand}s.
 */
public final class DeviceEvents {

    /** Partitioned by charge point; kinds nobody subscribes to yet are kept, not retried. */
    public static final ExchangeDefinition EXCHANGE = ExchangeDefinition.topic("device.events", 4).keepingUnrouted();

    /** Direct: routing key {@code cp.<chargePointId>}, bound by the instance holding the charger. */
    public static final ExchangeDefinition COMMANDS = ExchangeDefinition.direct("device.commands");

    public static final MessageType<DeviceEvent.ChargerBooted> CHARGER_BOOTED =
            MessageType.of("device.charger-booted", DeviceEvent.ChargerBooted.class);
    public static final MessageType<DeviceEvent.ChargerOnline> CHARGER_ONLINE =
            MessageType.of("device.charger-online", DeviceEvent.ChargerOnline.class);
    public static final MessageType<DeviceEvent.ChargerOffline> CHARGER_OFFLINE =
            MessageType.of("device.charger-offline", DeviceEvent.ChargerOffline.class);
    public static final MessageType<DeviceEvent.ConnectorStatusChanged> CONNECTOR_STATUS_CHANGED =
            MessageType.of("device.connector-status-changed", DeviceEvent.ConnectorStatusChanged.class);
    public static final MessageType<DeviceEvent.TransactionStarted> TRANSACTION_STARTED =
            MessageType.of("device.transaction-started", DeviceEvent.TransactionStarted.class);
    public static final MessageType<DeviceEvent.MeterValuesReported> METER_VALUES =
            MessageType.of("device.meter-values", DeviceEvent.MeterValuesReported.class);
    public static final MessageType<DeviceEvent.TransactionStopped> TRANSACTION_STOPPED =
            MessageType.of("device.transaction-stopped", DeviceEvent.TransactionStopped.class);
    public static final MessageType<DeviceEvent.CommandResult> COMMAND_RESULT =
            MessageType.of("device.command-result", DeviceEvent.CommandResult.class);

    /** The one command message type; the command's own {@code type} field says which kind. */
    public static final MessageType<ChargerCommand> COMMAND = MessageType.of("device.command", ChargerCommand.class);

    public static final List<MessageType<? extends DeviceEvent>> ALL_EVENTS = List.of(CHARGER_BOOTED,
            CHARGER_ONLINE, CHARGER_OFFLINE, CONNECTOR_STATUS_CHANGED, TRANSACTION_STARTED, METER_VALUES,
            TRANSACTION_STOPPED, COMMAND_RESULT);

    private DeviceEvents() {
    }

    public static MessageType<? extends DeviceEvent> kindOf(DeviceEvent event) {
        return switch (event) {
            case DeviceEvent.ChargerBooted e -> CHARGER_BOOTED;
            case DeviceEvent.ChargerOnline e -> CHARGER_ONLINE;
            case DeviceEvent.ChargerOffline e -> CHARGER_OFFLINE;
            case DeviceEvent.ConnectorStatusChanged e -> CONNECTOR_STATUS_CHANGED;
            case DeviceEvent.TransactionStarted e -> TRANSACTION_STARTED;
            case DeviceEvent.MeterValuesReported e -> METER_VALUES;
            case DeviceEvent.TransactionStopped e -> TRANSACTION_STOPPED;
            case DeviceEvent.CommandResult e -> COMMAND_RESULT;
        };
    }

    /** Partition key of a charger's events. */
    public static String aggregateOf(String chargePointId) {
        return "cp:" + chargePointId;
    }

    public static String commandRoutingKey(String chargePointId) {
        return "cp." + chargePointId;
    }
}
