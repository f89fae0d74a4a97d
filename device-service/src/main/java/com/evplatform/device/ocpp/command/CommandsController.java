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

import com.evplatform.device.ocpp.DeviceMessages;
import com.evplatform.device.ocpp.DeviceMessages.Command;
import com.evplatform.device.ocpp.protocol.OcppSchemas;
import com.evplatform.device.ocpp.protocol.SchemaViolation;
import com.evplatform.device.registry.application.Caller;
import com.evplatform.device.registry.application.Registry;
import com.evplatform.device.registry.infrastructure.LiveState;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.service.support.web.ApiException;

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
    private final LiveState live;
    private final CommandStore store;
    private final Outbox outbox;
    private final OcppSchemas schemas;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CommandsController(Registry registry, LiveState live, CommandStore store, Outbox outbox, OcppSchemas schemas,
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
        Command command = new Command(UUID.randomUUID().toString(), chargePointId, request.type(),
                request.connectorId(), null, request.params());
        checkAgainstSchema(command);
        if (!live.online(chargePointId)) {
            throw ApiException.conflict("CHARGER_OFFLINE", "Charger " + chargePointId + " is not connected");
        }
        transactions.executeWithoutResult(tx -> {
            store.insert(command.commandId(), chargePointId, command.type(), command, caller.userId(),
                    clock.instant());
            outbox.publish(OutgoingMessage.to(DeviceMessages.DEVICE_COMMANDS.name()).type(DeviceMessages.COMMAND)
                    .aggregate("command:" + command.commandId())
                    .routingKey(DeviceMessages.commandRoutingKey(chargePointId)).payload(command));
        });
        return new CommandAccepted(command.commandId());
    }

    @GetMapping("/api/admin/commands/{commandId}")
    CommandView find(@AuthenticationPrincipal Jwt token, @PathVariable String commandId) {
        CommandStore.StoredCommand command = store.find(commandId)
                .orElseThrow(() -> ApiException.notFound("COMMAND_NOT_FOUND", "No command " + commandId));
        try {
            registry.managedCharger(Caller.of(token), command.chargePointId());
        } catch (ApiException e) {
            throw ApiException.notFound("COMMAND_NOT_FOUND", "No command " + commandId);
        }
        return new CommandView(command.commandId(), command.chargePointId(), command.type(), command.status(),
                command.result());
    }

    /** The OCPP call it becomes must be valid: a bad parameter is the caller's 400, not the charger's problem. */
    private void checkAgainstSchema(Command command) {
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
