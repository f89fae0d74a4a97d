package com.evplatform.device.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A command for one charger on {@link DeviceEvents#COMMANDS}, routed to the device-service
 * instance holding its WebSocket. On the wire the kind is the {@code type} field
 * ({@code REMOTE_START}, ...); each kind carries exactly the fields its OCPP call needs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChargerCommand.RemoteStart.class, name = "REMOTE_START"),
        @JsonSubTypes.Type(value = ChargerCommand.RemoteStop.class, name = "REMOTE_STOP"),
        @JsonSubTypes.Type(value = ChargerCommand.CancelStart.class, name = "CANCEL_START"),
        @JsonSubTypes.Type(value = ChargerCommand.Reset.class, name = "RESET"),
        @JsonSubTypes.Type(value = ChargerCommand.UnlockConnector.class, name = "UNLOCK_CONNECTOR"),
        @JsonSubTypes.Type(value = ChargerCommand.ChangeAvailability.class, name = "CHANGE_AVAILABILITY"),
        @JsonSubTypes.Type(value = ChargerCommand.TriggerMessage.class, name = "TRIGGER_MESSAGE"),
        @JsonSubTypes.Type(value = ChargerCommand.GetConfiguration.class, name = "GET_CONFIGURATION"),
        @JsonSubTypes.Type(value = ChargerCommand.ChangeConfiguration.class, name = "CHANGE_CONFIGURATION")})
public sealed interface ChargerCommand {

    /** The kinds, as the wire and the admin API name them. */
    enum Kind {
        REMOTE_START, REMOTE_STOP, CANCEL_START, RESET, UNLOCK_CONNECTOR, CHANGE_AVAILABILITY, TRIGGER_MESSAGE,
        GET_CONFIGURATION, CHANGE_CONFIGURATION
    }

    /** The sender's id; the {@link DeviceEvent.CommandResult} carries it back. */
    String commandId();

    String chargePointId();

    /** The charging session it serves, if any. */
    @JsonIgnore
    default String session() {
        return null;
    }

    @JsonIgnore
    default Kind kind() {
        return switch (this) {
            case RemoteStart c -> Kind.REMOTE_START;
            case RemoteStop c -> Kind.REMOTE_STOP;
            case CancelStart c -> Kind.CANCEL_START;
            case Reset c -> Kind.RESET;
            case UnlockConnector c -> Kind.UNLOCK_CONNECTOR;
            case ChangeAvailability c -> Kind.CHANGE_AVAILABILITY;
            case TriggerMessage c -> Kind.TRIGGER_MESSAGE;
            case GetConfiguration c -> Kind.GET_CONFIGURATION;
            case ChangeConfiguration c -> Kind.CHANGE_CONFIGURATION;
        };
    }

    /** Start a transaction with the session's own idTag, so the transaction names the session. */
    record RemoteStart(String commandId, String chargePointId, Integer connectorId, String sessionId, String idTag)
            implements ChargerCommand {
        public RemoteStart {
            required(idTag, "idTag");
        }

        @Override
        public String session() {
            return sessionId;
        }
    }

    record RemoteStop(String commandId, String chargePointId, String sessionId, int transactionId)
            implements ChargerCommand {
        @Override
        public String session() {
            return sessionId;
        }
    }

    /**
     * The session gave up on its start: revoke the idTag (a late StartTransaction with it is
     * answered Invalid) and stop a transaction it already started.
     *
     * @param keepIfStarted the session only waited too long for the transaction's report (added
     *        in v1, absent means false): a transaction the charger has started with this idTag
     *        is kept, the tag stays valid, and the result says {@code kept: true} with its
     *        {@code transactionId}; only when none has started is the tag revoked
     */
    record CancelStart(String commandId, String chargePointId, Integer connectorId, String sessionId, String idTag,
            Boolean keepIfStarted) implements ChargerCommand {
        public CancelStart {
            required(idTag, "idTag");
        }

        /** Revokes the tag and stops a started transaction, whatever happened. */
        public CancelStart(String commandId, String chargePointId, Integer connectorId, String sessionId,
                String idTag) {
            this(commandId, chargePointId, connectorId, sessionId, idTag, null);
        }

        public boolean keepsAStartedTransaction() {
            return Boolean.TRUE.equals(keepIfStarted);
        }

        @Override
        public String session() {
            return sessionId;
        }
    }

    /** @param resetType OCPP's Soft or Hard */
    record Reset(String commandId, String chargePointId, String resetType) implements ChargerCommand {
        public Reset {
            if (resetType == null) {
                resetType = "Soft";
            }
        }
    }

    record UnlockConnector(String commandId, String chargePointId, int connectorId) implements ChargerCommand {
    }

    /** @param availability OCPP's Inoperative or Operative; connector 0 is the whole charger */
    record ChangeAvailability(String commandId, String chargePointId, int connectorId, String availability)
            implements ChargerCommand {
        public ChangeAvailability {
            required(availability, "availability");
        }
    }

    record TriggerMessage(String commandId, String chargePointId, Integer connectorId, String requestedMessage)
            implements ChargerCommand {
        public TriggerMessage {
            required(requestedMessage, "requestedMessage");
        }
    }

    /** @param keys the keys asked for; empty for all */
    record GetConfiguration(String commandId, String chargePointId, List<String> keys) implements ChargerCommand {
        public GetConfiguration {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    record ChangeConfiguration(String commandId, String chargePointId, String key, String value)
            implements ChargerCommand {
        public ChangeConfiguration {
            required(key, "key");
            required(value, "value");
        }
    }

    private static void required(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
