package com.evplatform.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides a charge point's answer to each CALL from the central system: checks the payload, picks the OCPP
 * status and names what the charge point does next. That follow-up runs only once the answer is on the wire,
 * so, for example, a RemoteStartTransaction's answer precedes its StartTransaction. Runs on the charge point's
 * serial executor.
 */
final class IncomingCalls {

    private static final int CONFIGURATION_KEY_MAX = 50;
    private static final int CONFIGURATION_VALUE_MAX = 500;
    private static final String HEARTBEAT_INTERVAL = "HeartbeatInterval";
    private static final String METER_VALUE_SAMPLE_INTERVAL = "MeterValueSampleInterval";
    private static final String STOP_TRANSACTION_ON_INVALID_ID = "StopTransactionOnInvalidId";

    /** The CALLRESULT payload and what to do after sending it. */
    record Answer(JsonNode payload, Runnable then) {

        static Answer of(JsonNode payload) {
            return new Answer(payload, () -> { });
        }

        static Answer of(String status) {
            return of(Payloads.status(status));
        }

        static Answer of(String status, Runnable then) {
            return new Answer(Payloads.status(status), then);
        }
    }

    private final SimulatedChargePoint chargePoint;

    IncomingCalls(SimulatedChargePoint chargePoint) {
        this.chargePoint = chargePoint;
    }

    /**
     * @throws OcppException to be answered as a CALLERROR: unknown action or invalid payload
     */
    Answer answer(OcppFrame.Call call) {
        JsonNode payload = call.payload();
        return switch (call.action()) {
            case "RemoteStartTransaction" -> remoteStartTransaction(payload);
            case "RemoteStopTransaction" -> remoteStopTransaction(payload);
            case "Reset" -> reset(payload);
            case "UnlockConnector" -> unlockConnector(payload);
            case "ChangeAvailability" -> changeAvailability(payload);
            case "TriggerMessage" -> triggerMessage(payload);
            case "GetConfiguration" -> getConfiguration(payload);
            case "ChangeConfiguration" -> changeConfiguration(payload);
            default -> throw new OcppException(Payloads.NOT_IMPLEMENTED, "Requested Action is not known by receiver");
        };
    }

    private Answer remoteStartTransaction(JsonNode payload) {
        String idTag = Payloads.requiredString(payload, "idTag", SimulatorConfig.CI_STRING_20);
        OptionalInt connectorId = Payloads.optionalInt(payload, "connectorId");
        if (!chargePoint.isBooted()) {
            return Answer.of("Rejected");
        }
        Connector connector = connectorId.isPresent()
                ? chargePoint.findConnector(connectorId.getAsInt()) : chargePoint.firstIdleConnector();
        if (connector == null || !connector.isIdle()) {
            return Answer.of("Rejected");
        }
        return switch (chargePoint.remoteStartBehaviour()) {
            case REJECT -> Answer.of("Rejected");
            case ACCEPT -> Answer.of("Accepted", () -> chargePoint.startTransaction(connector, idTag));
            case ACCEPT_NEVER_START -> Answer.of("Accepted");
            case ACCEPT_START_LATE -> {
                connector.remoteStartPending = true;
                yield Answer.of("Accepted", () -> chargePoint.startTransactionLater(connector, idTag));
            }
        };
    }

    private Answer remoteStopTransaction(JsonNode payload) {
        int transactionId = Payloads.requiredInt(payload, "transactionId");
        for (Connector connector : chargePoint.connectors()) {
            Transaction transaction = connector.transaction;
            if (transaction != null && transaction.transactionId != null && transaction.transactionId == transactionId) {
                return Answer.of("Accepted", () -> chargePoint.stopAndRelease(connector, StopReason.REMOTE));
            }
        }
        return Answer.of("Rejected");
    }

    private Answer reset(JsonNode payload) {
        String type = Payloads.requiredEnum(payload, "type", List.of("Hard", "Soft"));
        StopReason reason = "Hard".equals(type) ? StopReason.HARD_RESET : StopReason.SOFT_RESET;
        return Answer.of("Accepted", () -> chargePoint.reset(reason));
    }

    private Answer unlockConnector(JsonNode payload) {
        Connector connector = chargePoint.findConnector(Payloads.requiredInt(payload, "connectorId"));
        if (connector == null) {
            return Answer.of("NotSupported");
        }
        return Answer.of("Unlocked", () -> chargePoint.unlock(connector));
    }

    private Answer changeAvailability(JsonNode payload) {
        int connectorId = Payloads.requiredInt(payload, "connectorId");
        boolean inoperative = "Inoperative".equals(
                Payloads.requiredEnum(payload, "type", List.of("Inoperative", "Operative")));
        List<Connector> targets;
        if (connectorId == 0) {
            targets = chargePoint.connectors();
        } else {
            Connector connector = chargePoint.findConnector(connectorId);
            if (connector == null) {
                return Answer.of("Rejected");
            }
            targets = List.of(connector);
        }
        boolean scheduled = targets.stream().anyMatch(connector -> connector.transaction != null);
        return Answer.of(scheduled ? "Scheduled" : "Accepted",
                () -> chargePoint.changeAvailability(connectorId == 0, targets, inoperative));
    }

    private Answer triggerMessage(JsonNode payload) {
        String requested = Payloads.requiredString(payload, "requestedMessage", Integer.MAX_VALUE);
        OptionalInt connectorId = Payloads.optionalInt(payload, "connectorId");
        if (connectorId.isPresent()
                && (connectorId.getAsInt() < 0 || connectorId.getAsInt() > chargePoint.connectors().size())) {
            return Answer.of("Rejected");
        }
        return switch (requested) {
            case "BootNotification" -> Answer.of("Accepted", chargePoint::triggerBootNotification);
            case "Heartbeat" -> Answer.of("Accepted", chargePoint::triggerHeartbeat);
            case "StatusNotification" -> Answer.of("Accepted", () -> chargePoint.triggerStatusNotification(connectorId));
            case "MeterValues" -> Answer.of("Accepted", () -> chargePoint.triggerMeterValues(
                    connectorId.isPresent() && connectorId.getAsInt() > 0
                            ? List.of(chargePoint.findConnector(connectorId.getAsInt())) : chargePoint.connectors()));
            default -> Answer.of("NotImplemented");
        };
    }

    private Map<String, String> configuration() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(HEARTBEAT_INTERVAL, Long.toString(chargePoint.currentHeartbeatInterval().toSeconds()));
        values.put(METER_VALUE_SAMPLE_INTERVAL, Long.toString(chargePoint.currentMeterInterval().toSeconds()));
        values.put("NumberOfConnectors", Integer.toString(chargePoint.connectors().size()));
        values.put("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import,SoC");
        values.put("SupportedFeatureProfiles", "Core,RemoteTrigger");
        values.put("AuthorizeRemoteTxRequests", "false");
        values.put(STOP_TRANSACTION_ON_INVALID_ID, Boolean.toString(chargePoint.currentStopTransactionOnInvalidId()));
        return values;
    }

    private static boolean isWritable(String key) {
        return HEARTBEAT_INTERVAL.equals(key) || METER_VALUE_SAMPLE_INTERVAL.equals(key)
                || STOP_TRANSACTION_ON_INVALID_ID.equals(key);
    }

    private Answer getConfiguration(JsonNode payload) {
        Map<String, String> values = configuration();
        List<String> requested = requestedKeys(payload);
        ObjectNode answer = OcppFrame.object();
        ArrayNode known = answer.putArray("configurationKey");
        List<String> unknown = new ArrayList<>();
        for (String key : requested.isEmpty() ? List.copyOf(values.keySet()) : requested) {
            String value = values.get(key);
            if (value == null) {
                unknown.add(key.length() > CONFIGURATION_KEY_MAX ? key.substring(0, CONFIGURATION_KEY_MAX) : key);
            } else {
                known.addObject().put("key", key).put("readonly", !isWritable(key)).put("value", value);
            }
        }
        if (!unknown.isEmpty()) {
            ArrayNode unknownKeys = answer.putArray("unknownKey");
            unknown.forEach(unknownKeys::add);
        }
        return Answer.of(answer);
    }

    private static List<String> requestedKeys(JsonNode payload) {
        List<String> requested = new ArrayList<>();
        JsonNode keys = payload.get("key");
        if (keys == null || keys.isNull()) {
            return requested;
        }
        if (!keys.isArray()) {
            throw new OcppException(Payloads.TYPE_CONSTRAINT_VIOLATION, "key must be an array");
        }
        for (JsonNode key : keys) {
            if (!key.isString()) {
                throw new OcppException(Payloads.TYPE_CONSTRAINT_VIOLATION, "key must hold strings");
            }
            requested.add(key.stringValue());
        }
        return requested;
    }

    private Answer changeConfiguration(JsonNode payload) {
        String key = Payloads.requiredString(payload, "key", CONFIGURATION_KEY_MAX);
        String value = Payloads.requiredString(payload, "value", CONFIGURATION_VALUE_MAX);
        if (!configuration().containsKey(key)) {
            return Answer.of("NotSupported");
        }
        if (!isWritable(key)) {
            return Answer.of("Rejected");
        }
        if (STOP_TRANSACTION_ON_INVALID_ID.equals(key)) {
            String flag = value.trim().toLowerCase(Locale.ROOT);
            if (!flag.equals("true") && !flag.equals("false")) {
                return Answer.of("Rejected");
            }
            boolean stop = Boolean.parseBoolean(flag);
            return Answer.of("Accepted", () -> chargePoint.changeStopTransactionOnInvalidId(stop));
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return Answer.of("Rejected");
        }
        if (seconds <= 0) {
            return Answer.of("Rejected");
        }
        Duration interval = Duration.ofSeconds(seconds);
        return Answer.of("Accepted", HEARTBEAT_INTERVAL.equals(key)
                ? () -> chargePoint.changeHeartbeatInterval(interval)
                : () -> chargePoint.changeMeterInterval(interval));
    }
}
