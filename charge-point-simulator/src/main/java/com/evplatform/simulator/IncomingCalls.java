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

    private final ConnectionLifecycle link;
    private final Connectors connectors;
    private final Transactions transactions;
    private volatile RemoteStartBehaviour remoteStartBehaviour;

    IncomingCalls(ConnectionLifecycle link, Connectors connectors, Transactions transactions,
            RemoteStartBehaviour remoteStartBehaviour) {
        this.link = link;
        this.connectors = connectors;
        this.transactions = transactions;
        this.remoteStartBehaviour = remoteStartBehaviour;
    }

    /** How RemoteStartTransaction is answered; readable and changeable from any thread. */
    RemoteStartBehaviour remoteStartBehaviour() {
        return remoteStartBehaviour;
    }

    void remoteStartBehaviour(RemoteStartBehaviour behaviour) {
        this.remoteStartBehaviour = behaviour;
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
        if (!link.isBooted()) {
            return Answer.of("Rejected");
        }
        Connector connector = connectorId.isPresent()
                ? connectors.find(connectorId.getAsInt()) : connectors.firstIdle();
        if (connector == null || !connector.isIdle()) {
            return Answer.of("Rejected");
        }
        return switch (remoteStartBehaviour) {
            case REJECT -> Answer.of("Rejected");
            case ACCEPT -> Answer.of("Accepted", () -> transactions.start(connector, idTag));
            case ACCEPT_NEVER_START -> Answer.of("Accepted");
            case ACCEPT_START_LATE -> {
                connector.remoteStartPending = true;
                yield Answer.of("Accepted", () -> transactions.startLater(connector, idTag));
            }
        };
    }

    private Answer remoteStopTransaction(JsonNode payload) {
        int transactionId = Payloads.requiredInt(payload, "transactionId");
        for (Connector connector : connectors.all()) {
            Transaction transaction = connector.transaction;
            if (transaction != null && transaction.transactionId != null && transaction.transactionId == transactionId) {
                return Answer.of("Accepted", () -> transactions.stopAndRelease(connector, StopReason.REMOTE));
            }
        }
        return Answer.of("Rejected");
    }

    private Answer reset(JsonNode payload) {
        String type = Payloads.requiredEnum(payload, "type", List.of("Hard", "Soft"));
        StopReason reason = "Hard".equals(type) ? StopReason.HARD_RESET : StopReason.SOFT_RESET;
        return Answer.of("Accepted", () -> transactions.reset(reason));
    }

    private Answer unlockConnector(JsonNode payload) {
        Connector connector = connectors.find(Payloads.requiredInt(payload, "connectorId"));
        if (connector == null) {
            return Answer.of("NotSupported");
        }
        return Answer.of("Unlocked", () -> transactions.unlock(connector));
    }

    private Answer changeAvailability(JsonNode payload) {
        int connectorId = Payloads.requiredInt(payload, "connectorId");
        boolean inoperative = "Inoperative".equals(
                Payloads.requiredEnum(payload, "type", List.of("Inoperative", "Operative")));
        List<Connector> targets;
        if (connectorId == 0) {
            targets = connectors.all();
        } else {
            Connector connector = connectors.find(connectorId);
            if (connector == null) {
                return Answer.of("Rejected");
            }
            targets = List.of(connector);
        }
        boolean scheduled = targets.stream().anyMatch(connector -> connector.transaction != null);
        return Answer.of(scheduled ? "Scheduled" : "Accepted",
                () -> connectors.changeAvailability(connectorId == 0, targets, inoperative));
    }

    private Answer triggerMessage(JsonNode payload) {
        String requested = Payloads.requiredString(payload, "requestedMessage", Integer.MAX_VALUE);
        OptionalInt connectorId = Payloads.optionalInt(payload, "connectorId");
        if (connectorId.isPresent()
                && (connectorId.getAsInt() < 0 || connectorId.getAsInt() > connectors.all().size())) {
            return Answer.of("Rejected");
        }
        return switch (requested) {
            case "BootNotification" -> Answer.of("Accepted", link::triggerBootNotification);
            case "Heartbeat" -> Answer.of("Accepted", link::triggerHeartbeat);
            case "StatusNotification" -> Answer.of("Accepted", () -> connectors.triggerStatusNotification(connectorId));
            case "MeterValues" -> Answer.of("Accepted", () -> transactions.triggerMeterValues(
                    connectorId.isPresent() && connectorId.getAsInt() > 0
                            ? List.of(connectors.find(connectorId.getAsInt())) : connectors.all()));
            default -> Answer.of("NotImplemented");
        };
    }

    private Map<String, String> configuration() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(HEARTBEAT_INTERVAL, Long.toString(link.heartbeatInterval().toSeconds()));
        values.put(METER_VALUE_SAMPLE_INTERVAL, Long.toString(transactions.meterInterval().toSeconds()));
        values.put("NumberOfConnectors", Integer.toString(connectors.all().size()));
        values.put("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import,SoC");
        values.put("SupportedFeatureProfiles", "Core,RemoteTrigger");
        values.put("AuthorizeRemoteTxRequests", "false");
        values.put(STOP_TRANSACTION_ON_INVALID_ID, Boolean.toString(transactions.stopTransactionOnInvalidId()));
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
            return Answer.of("Accepted", () -> transactions.changeStopTransactionOnInvalidId(stop));
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
                ? () -> link.changeHeartbeatInterval(interval)
                : () -> transactions.changeMeterInterval(interval));
    }
}
