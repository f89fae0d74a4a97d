package com.evplatform.device.contract;

import java.time.Instant;
import java.util.List;

/**
 * What device-service reports about chargers on {@link DeviceEvents#EXCHANGE}, partitioned by
 * charge point so each charger's events stay in order. Energy is the charger's register in Wh.
 */
public sealed interface DeviceEvent {

    /** The charger the event is about: also its partition key ({@code cp:<id>}). */
    String chargePointId();

    record ChargerBooted(String chargePointId, String vendor, String model, String firmware,
            String registrationStatus, Instant at) implements DeviceEvent {
    }

    record ChargerOnline(String chargePointId, Instant at) implements DeviceEvent {
    }

    record ChargerOffline(String chargePointId, Instant at) implements DeviceEvent {
    }

    record ConnectorStatusChanged(String chargePointId, int connectorId, String status, String errorCode,
            String info, Instant timestamp) implements DeviceEvent {
    }

    /**
     * @param sessionId the charging session whose remote start issued {@code idTag}, if any
     * @param idTagStatus what the central system answered: Accepted for a tag it issued, else Invalid
     * @param operatorCode the operator of the charger's station; null (not known) in events published
     *        before the field was added
     */
    record TransactionStarted(String chargePointId, int connectorId, int transactionId, String idTag,
            String idTagStatus, String sessionId, long meterStartWh, Instant timestamp, String operatorCode)
            implements DeviceEvent {
    }

    /** One sampling instant: the register (Wh), the power (W) and the state of charge, where reported. */
    record MeterSample(Instant timestamp, Long energyWh, Long powerW, Integer soc, String context) {
    }

    record MeterValuesReported(String chargePointId, int connectorId, Integer transactionId, String sessionId,
            List<MeterSample> samples) implements DeviceEvent {
    }

    /**
     * @param reason OCPP's stop reason (Local, Remote, EVDisconnected, ...); Local when the charger gave none
     * @param operatorCode the operator of the charger's station; null (not known) in events published
     *        before the field was added
     */
    record TransactionStopped(String chargePointId, int connectorId, int transactionId, String idTag,
            String sessionId, long meterStartWh, long meterStopWh, Instant startedAt, Instant timestamp,
            String reason, List<MeterSample> samples, String operatorCode) implements DeviceEvent {
    }

    /**
     * How a {@link ChargerCommand} ended.
     *
     * @param result the charger's answer ({@code response}), or why it failed ({@code reason}, {@code errorCode})
     */
    record CommandResult(String commandId, String chargePointId, ChargerCommand.Kind type, String sessionId,
            CommandStatus status, java.util.Map<String, Object> result) implements DeviceEvent {
    }

    enum CommandStatus { ACCEPTED, REJECTED, TIMED_OUT, FAILED }
}
