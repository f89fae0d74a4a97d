package com.evplatform.device.ocpp.command;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvent.CommandStatus;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.OcppProperties;
import com.evplatform.device.ocpp.charger.OcppRecords;
import com.evplatform.device.ocpp.server.CentralSystem;
import com.evplatform.device.ocpp.server.ChargerConnection;
import com.evplatform.device.ocpp.server.ConnectedChargers;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out commands on the chargers this instance holds: the command becomes its OCPP call
 * once the consuming transaction commits (so a remote start's idTag is on record before the
 * charger can use it), and the charger's answer, its CALLERROR, a timeout or a lost
 * connection becomes a {@code device.command-result} event (and the admin command's status).
 */
@Component
public class ChargerCommands implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChargerCommands.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectedChargers chargers;
    private final ChargerLiveState live;
    private final CentralSystem centralSystem;
    private final OcppRecords records;
    private final CommandStore store;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final OcppProperties properties;
    private final Clock clock;
    private final ExecutorService completions = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("ocpp-command-result-", 0).daemon().factory());

    ChargerCommands(ConnectedChargers chargers, ChargerLiveState live, CentralSystem centralSystem, OcppRecords records,
            CommandStore store, Outbox outbox, TransactionTemplate transactions, OcppProperties properties,
            Clock clock) {
        this.chargers = chargers;
        this.live = live;
        this.centralSystem = centralSystem;
        this.records = records;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The OCPP call a command becomes: its action and payload. */
    public record OcppCall(String action, ObjectNode payload) {
    }

    /**
     * Runs inside the consumer's transaction, on this instance's copy of the command. Every
     * instance bound to the charger's key gets a copy; only the one holding the charger's
     * current socket acts, a stale socket is closed, and when nobody holds it the command fails.
     */
    void execute(ChargerCommand command, Instant sentAt) {
        if (command instanceof ChargerCommand.CancelStart cancel) {
            cancelStart(cancel);
            return;
        }
        if (Duration.between(sentAt, clock.instant()).compareTo(properties.callTimeout()) > 0) {
            // Held up (a database outage, a crashed instance's queue): too old to act on now.
            finish(command, CommandStatus.FAILED, Map.of("reason", "EXPIRED"));
            return;
        }
        Optional<ChargerConnection> connection = chargers.find(command.chargePointId());
        if (connection.isPresent() && chargers.isCurrent(connection.get()).orElse(true) == Boolean.FALSE) {
            chargers.dropStale(connection.get());
            connection = Optional.empty();
        }
        if (connection.isEmpty()) {
            if (!onlineElsewhere(command.chargePointId())) {
                finish(command, CommandStatus.FAILED, Map.of("reason", "CHARGER_OFFLINE"));
            }
            return;
        }
        OcppCall call;
        try {
            call = toOcpp(command);
        } catch (IllegalArgumentException e) {
            finish(command, CommandStatus.FAILED, Map.of("reason", "INVALID_COMMAND", "detail", e.getMessage()));
            return;
        }
        if (command instanceof ChargerCommand.RemoteStart start) {
            records.issueTag(start.idTag(), start.chargePointId(), start.sessionId(), clock.instant());
        }
        ChargerConnection target = connection.get();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                send(target, command, call);
            }
        });
    }

    /**
     * A copy of a command that waited in an instance's queue until it moved to the shared one:
     * that instance crashed, shut down or is stuck, so the command was never sent. It is
     * answered here unless the charger is connected somewhere now (that instance had a copy of
     * its own if it held the charger when the command was sent). A cancelled start still
     * revokes its tag, which needs no charger.
     */
    void undelivered(ChargerCommand command) {
        if (command instanceof ChargerCommand.CancelStart cancel) {
            cancelStart(cancel);
            return;
        }
        if (chargers.find(command.chargePointId()).isEmpty() && !onlineElsewhere(command.chargePointId())) {
            finish(command, CommandStatus.FAILED, Map.of("reason", "CHARGER_OFFLINE",
                    "detail", "not delivered: the instance that held the charger went away"));
        }
    }

    /**
     * The session gave up on its start: the idTag is revoked (a later StartTransaction with it is
     * answered Invalid, so the charger ends it itself) and a transaction it already started is
     * stopped. Revoking needs no charger, so every copy of this command does it.
     *
     * <p>When the session only waited too long for the transaction's report ({@code keepIfStarted})
     * and the charger has in fact started it, nothing is revoked or stopped: the start succeeded
     * and its report is on its way, so the driver keeps charging. The result says so.
     */
    private void cancelStart(ChargerCommand.CancelStart command) {
        String idTag = command.idTag();
        Optional<ChargerConnection> connection = chargers.find(command.chargePointId())
                .filter(c -> chargers.isCurrent(c).orElse(true));
        Optional<OcppRecords.TransactionRow> running = records.openTransactionOf(command.chargePointId(), idTag);
        if (command.keepsAStartedTransaction() && running.isPresent()) {
            log.info("start of session {} timed out but transaction {} runs on {}: kept", command.sessionId(),
                    running.get().id(), command.chargePointId());
            if (connection.isPresent() || !onlineElsewhere(command.chargePointId())) {
                finish(command, CommandStatus.ACCEPTED, Map.of("kept", true, "transactionId", running.get().id()));
            }
            return;
        }
        records.revokeTag(idTag, command.chargePointId(), command.sessionId(), clock.instant());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("revoked", true);
        if (running.isPresent() && connection.isPresent()) {
            result.put("stoppingTransaction", running.get().id());
            var stop = new ChargerCommand.RemoteStop(command.commandId(), command.chargePointId(),
                    command.sessionId(), running.get().id());
            OcppCall call = toOcpp(stop);
            ChargerConnection target = connection.get();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    centralSystem.call(target, call.action(), call.payload(), properties.callTimeout());
                }
            });
        }
        if (connection.isPresent() || !onlineElsewhere(command.chargePointId())) {
            finish(command, CommandStatus.ACCEPTED, result);
        }
    }

    /** Another instance holds the charger: it has its own copy of the command to act on. */
    private boolean onlineElsewhere(String chargePointId) {
        try {
            return live.online(chargePointId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void send(ChargerConnection connection, ChargerCommand command, OcppCall call) {
        try {
            centralSystem.call(connection, call.action(), call.payload(), properties.callTimeout())
                    .whenCompleteAsync((answer, error) -> answered(command, answer, error), completions);
        } catch (RuntimeException e) {
            log.error("command {} to {} not sent", command.commandId(), command.chargePointId(), e);
            completions.execute(() -> transactions.executeWithoutResult(tx -> finish(command, CommandStatus.FAILED,
                    Map.of("reason", "INVALID_COMMAND", "detail", String.valueOf(e.getMessage())))));
        }
    }

    private void answered(ChargerCommand command, ChargerConnection.Answer answer, Throwable error) {
        Map<String, Object> result = new LinkedHashMap<>();
        CommandStatus status;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            status = CommandStatus.TIMED_OUT;
            result.put("reason", "no answer within " + properties.callTimeout());
        } else if (cause instanceof ChargerConnection.AnswerLost) {
            // Sent, then the socket dropped (a rolling restart, a network blip): the charger may well
            // have started; like a timeout, the outcome is unknown, not a failure.
            status = CommandStatus.TIMED_OUT;
            result.put("reason", "CONNECTION_LOST");
        } else if (cause instanceof IOException) {
            status = CommandStatus.FAILED;
            result.put("reason", "CHARGER_OFFLINE");
        } else if (cause != null) {
            status = CommandStatus.FAILED;
            result.put("reason", cause.toString());
        } else if (answer.error() != null) {
            status = CommandStatus.FAILED;
            result.put("errorCode", answer.error().code().wireName());
            result.put("description", answer.error().description());
        } else {
            JsonNode payload = answer.payload();
            String ocppStatus = payload.path("status").asString(null);
            status = ocppStatus == null || "Accepted".equals(ocppStatus) || "Unlocked".equals(ocppStatus)
                    ? CommandStatus.ACCEPTED : CommandStatus.REJECTED;
            result.put("response", JSON.convertValue(payload, Map.class));
        }
        try {
            transactions.executeWithoutResult(tx -> finish(command, status, result));
        } catch (RuntimeException e) {
            log.error("result of command {} ({}) not recorded", command.commandId(), status, e);
        }
    }

    /** Records the outcome and tells the sender, in the caller's transaction. */
    void finish(ChargerCommand command, CommandStatus status, Map<String, Object> result) {
        store.finish(command.commandId(), status.name(), result, clock.instant());
        outbox.publish(OutgoingMessage.to(DeviceEvents.EXCHANGE).aggregate(DeviceEvents.aggregateOf(command.chargePointId()))
                .message(DeviceEvents.COMMAND_RESULT, new DeviceEvent.CommandResult(command.commandId(),
                        command.chargePointId(), command.kind(), command.session(), status, result)));
    }

    /** The OCPP call a command becomes; CANCEL_START is not a call of its own (see {@link #cancelStart}). */
    public static OcppCall toOcpp(ChargerCommand command) {
        ObjectNode payload = JSON.createObjectNode();
        String action = switch (command) {
            case ChargerCommand.RemoteStart start -> {
                optional(payload, "connectorId", start.connectorId());
                payload.put("idTag", start.idTag());
                yield "RemoteStartTransaction";
            }
            case ChargerCommand.RemoteStop stop -> {
                payload.put("transactionId", stop.transactionId());
                yield "RemoteStopTransaction";
            }
            case ChargerCommand.Reset reset -> {
                payload.put("type", reset.resetType());
                yield "Reset";
            }
            case ChargerCommand.UnlockConnector unlock -> {
                payload.put("connectorId", unlock.connectorId());
                yield "UnlockConnector";
            }
            case ChargerCommand.ChangeAvailability change -> {
                payload.put("connectorId", change.connectorId());
                payload.put("type", change.availability());
                yield "ChangeAvailability";
            }
            case ChargerCommand.TriggerMessage trigger -> {
                payload.put("requestedMessage", trigger.requestedMessage());
                optional(payload, "connectorId", trigger.connectorId());
                yield "TriggerMessage";
            }
            case ChargerCommand.GetConfiguration get -> {
                if (!get.keys().isEmpty()) {
                    var array = payload.putArray("key");
                    get.keys().forEach(array::add);
                }
                yield "GetConfiguration";
            }
            case ChargerCommand.ChangeConfiguration change -> {
                payload.put("key", change.key());
                payload.put("value", change.value());
                yield "ChangeConfiguration";
            }
            case ChargerCommand.CancelStart cancel ->
                    throw new IllegalArgumentException("CANCEL_START is carried out here, not sent to the charger");
        };
        return new OcppCall(action, payload);
    }

    private static void optional(ObjectNode payload, String field, Integer value) {
        if (value != null) {
            payload.put(field, value);
        }
    }

    @Override
    public void destroy() {
        completions.shutdown();
    }
}
