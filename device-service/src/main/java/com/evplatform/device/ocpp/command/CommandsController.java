package com.evplatform.device.ocpp.command;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.protocol.OcppSchemas;
import com.evplatform.device.ocpp.protocol.SchemaViolation;
import com.evplatform.device.registry.application.Caller;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.device.registry.application.Registry;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.service.support.web.ApiException;
import com.evplatform.service.support.refusal.Refusal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Operators' commands to their chargers (API.md "Chargers and tariffs": commands rows). */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
class CommandsController {

    /** What operators may ask for; sessions start and stop through charging-service. */
    static final Set<String> OPERATOR_COMMANDS = Set.of("RESET", "UNLOCK_CONNECTOR", "CHANGE_AVAILABILITY",
            "TRIGGER_MESSAGE", "GET_CONFIGURATION", "CHANGE_CONFIGURATION");

    record CommandRequest(@NotNull String type, @Min(0) @Max(8) Integer connectorId, Map<String, Object> params) {
    }

    record CommandAccepted(String commandId) {
    }

    record CommandView(String commandId, String chargePointId, String type, String status, Object result) {
    }

    private final Registry registry;
    private final ChargerLiveState live;
    private final CommandStore store;
    private final Outbox outbox;
    private final OcppSchemas schemas;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CommandsController(Registry registry, ChargerLiveState live, CommandStore store, Outbox outbox, OcppSchemas schemas,
            TransactionTemplate transactions, Clock clock) {
        this.registry = registry;
        this.live = live;
        this.store = store;
        this.outbox = outbox;
        this.schemas = schemas;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostMapping("/api/admin/chargers/{chargePointId}/commands")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CommandAccepted send(@AuthenticationPrincipal Jwt token, @PathVariable String chargePointId,
            @Valid @RequestBody CommandRequest request) {
        Caller caller = Caller.of(token);
        registry.managedCharger(caller, chargePointId);
        if (!OPERATOR_COMMANDS.contains(request.type())) {
            throw invalid("type", "one of " + OPERATOR_COMMANDS.stream().sorted().toList());
        }
        ChargerCommand command;
        try {
            command = command(UUID.randomUUID().toString(), chargePointId, request);
        } catch (IllegalArgumentException e) {
            throw invalid("params", e.getMessage());
        }
        checkAgainstSchema(command);
        if (!live.online(chargePointId)) {
            throw ApiException.conflict("CHARGER_OFFLINE", "Charger " + chargePointId + " is not connected");
        }
        transactions.executeWithoutResult(tx -> {
            store.insert(command.commandId(), chargePointId, command.kind().name(), command, caller.userId(),
                    clock.instant());
            outbox.publish(OutgoingMessage.to(DeviceEvents.COMMANDS).aggregate("command:" + command.commandId())
                    .routingKey(DeviceEvents.commandRoutingKey(chargePointId)).message(DeviceEvents.COMMAND, command));
        });
        return new CommandAccepted(command.commandId());
    }

    @GetMapping("/api/admin/commands/{commandId}")
    CommandView find(@AuthenticationPrincipal Jwt token, @PathVariable String commandId) {
        Caller caller = Caller.of(token);
        CommandStore.StoredCommand command = store.find(commandId)
                .orElseThrow(() -> ApiException.notFound("COMMAND_NOT_FOUND", "No command " + commandId));
        try {
            registry.managedCharger(caller, command.chargePointId());
        } catch (Refusal e) {
            throw ApiException.notFound("COMMAND_NOT_FOUND", "No command " + commandId);
        }
        return new CommandView(command.commandId(), command.chargePointId(), command.type(), command.status(),
                command.result());
    }

    /** The OCPP call it becomes must be valid: a bad parameter is the caller's 400, not the charger's problem. */
    /** The typed command an operator's request names; a missing or unusable parameter is refused. */
    private static ChargerCommand command(String commandId, String chargePointId, CommandRequest request) {
        Map<String, Object> params = request.params() == null ? Map.of() : request.params();
        Integer connectorId = request.connectorId();
        return switch (ChargerCommand.Kind.valueOf(request.type())) {
            case RESET -> new ChargerCommand.Reset(commandId, chargePointId,
                    String.valueOf(params.getOrDefault("type", "Soft")));
            case UNLOCK_CONNECTOR -> {
                if (connectorId == null) {
                    throw new IllegalArgumentException("connectorId is required");
                }
                yield new ChargerCommand.UnlockConnector(commandId, chargePointId, connectorId);
            }
            case CHANGE_AVAILABILITY -> new ChargerCommand.ChangeAvailability(commandId, chargePointId,
                    connectorId == null ? 0 : connectorId, required(params, "type"));
            case TRIGGER_MESSAGE -> new ChargerCommand.TriggerMessage(commandId, chargePointId, connectorId,
                    required(params, "requestedMessage"));
            case GET_CONFIGURATION -> new ChargerCommand.GetConfiguration(commandId, chargePointId,
                    params.get("key") instanceof Iterable<?> keys ? strings(keys) : List.of());
            case CHANGE_CONFIGURATION -> new ChargerCommand.ChangeConfiguration(commandId, chargePointId,
                    required(params, "key"), required(params, "value"));
            case REMOTE_START, REMOTE_STOP, CANCEL_START ->
                    throw new IllegalArgumentException(request.type() + " is for charging-service");
        };
    }

    private static String required(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("params." + name + " is required");
        }
        return String.valueOf(value);
    }

    private static List<String> strings(Iterable<?> values) {
        var list = new java.util.ArrayList<String>();
        values.forEach(value -> list.add(String.valueOf(value)));
        return list;
    }

    private void checkAgainstSchema(ChargerCommand command) {
        ChargerCommands.OcppCall call;
        try {
            call = ChargerCommands.toOcpp(command);
        } catch (IllegalArgumentException e) {
            throw invalid("params", e.getMessage());
        }
        List<SchemaViolation> violations = schemas.validateRequest(call.action(), call.payload());
        if (!violations.isEmpty()) {
            throw invalid("params", violations.getFirst().path() + ": " + violations.getFirst().message());
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The command is not valid: " + message)
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
