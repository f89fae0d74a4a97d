package com.evplatform.device.ocpp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.evplatform.device.ocpp.charger.ChargePointMessages;
import com.evplatform.device.ocpp.charger.OcppRecords;
import com.evplatform.device.ocpp.protocol.Call;
import com.evplatform.device.ocpp.protocol.CallError;
import com.evplatform.device.ocpp.protocol.CallResult;
import com.evplatform.device.ocpp.protocol.ChargePointCodec;
import com.evplatform.device.ocpp.protocol.FrameException;
import com.evplatform.device.ocpp.protocol.OcppErrorCode;
import com.evplatform.device.ocpp.protocol.OcppFrame;
import com.evplatform.device.ocpp.protocol.OcppFrames;
import com.evplatform.device.ocpp.protocol.OcppSchemas;
import com.evplatform.device.ocpp.protocol.SchemaViolation;
import com.evplatform.device.ocpp.protocol.messages.ChargePointRequest;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OCPP-J on one connection: every frame is parsed and every payload checked against the
 * official OCPP 1.6 schemas, both ways. A bad frame gets a CALLERROR with the code the
 * specification names and the connection carries on; the platform never sends a frame that
 * breaks the schemas. A charger's valid CALL is decoded into its typed request and the typed
 * answer encoded back by {@link ChargePointCodec}. A CALL repeated with the same unique id is answered as before.
 */
@Component
public class CentralSystem {

    private static final Logger log = LoggerFactory.getLogger(CentralSystem.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The unique id of a CALLERROR answering a frame whose own id could not be read. */
    static final String UNKNOWN_MESSAGE_ID = "-1";

    /** Actions whose data must survive even a refusal: they carry transactions and energy. */
    private static final Set<String> KEPT_WHEN_INVALID = Set.of("StartTransaction", "StopTransaction", "MeterValues");

    private final OcppSchemas schemas;
    private final ChargePointMessages messages;
    private final OcppRecords records;
    private final MeterRegistry meters;
    private final Clock clock;

    CentralSystem(OcppSchemas schemas, ChargePointMessages messages, OcppRecords records, MeterRegistry meters,
            Clock clock) {
        this.schemas = schemas;
        this.messages = messages;
        this.records = records;
        this.meters = meters;
        this.clock = clock;
    }

    void onFrame(ChargerConnection connection, String text) {
        OcppFrame frame;
        try {
            frame = OcppFrames.parse(text);
        } catch (FrameException e) {
            Integer type = e.messageTypeId();
            if (type != null && (type == CallResult.TYPE_ID || type == CallError.TYPE_ID)) {
                // An answer is never answered; the call it belongs to times out.
                meters.counter("ocpp.results.malformed").increment();
                log.info("{} sent a malformed answer: {}", connection.chargePointId(), e.getMessage());
                return;
            }
            // Whatever else the charger sent (even text that is not JSON) is answered, so it knows.
            String messageId = e.messageId() != null ? e.messageId() : UNKNOWN_MESSAGE_ID;
            reject(connection, messageId, e.code(), e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            // A parser defect must not cost the charger its connection.
            log.error("{}: frame not parsed", connection.chargePointId(), e);
            reject(connection, UNKNOWN_MESSAGE_ID, OcppErrorCode.FormationViolation, "The frame could not be read",
                    null);
            return;
        }
        switch (frame) {
            case Call call -> onCall(connection, call);
            case CallResult result -> onResult(connection, result);
            case CallError error -> connection.completeCall(error);
        }
    }

    /** Sends a call to the charger after checking it against the schema; the answer is checked too. */
    public CompletableFuture<ChargerConnection.Answer> call(ChargerConnection connection, String action,
            JsonNode payload, Duration timeout) {
        List<SchemaViolation> violations = schemas.validateRequest(action, payload);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("refusing to send a schema-invalid " + action + ": "
                    + describe(violations));
        }
        meters.counter("ocpp.calls.sent", "action", action).increment();
        return connection.call(action, payload, timeout);
    }

    private void onCall(ChargerConnection connection, Call call) {
        String previous = connection.previousAnswer(call.messageId());
        if (previous != null) {
            meters.counter("ocpp.duplicates", "action", "retried-call").increment();
            connection.send(previous);
            return;
        }
        String action = call.action();
        if (!schemas.knowsAction(action)) {
            reject(connection, call.messageId(), OcppErrorCode.NotImplemented, "Unknown action " + action, null);
            return;
        }
        if (!ChargePointMessages.ACTIONS.contains(action)) {
            reject(connection, call.messageId(), OcppErrorCode.NotSupported,
                    action + " is sent by the central system, not by a charge point", null);
            return;
        }
        List<SchemaViolation> violations = schemas.validateRequest(action, call.payload());
        if (!violations.isEmpty()) {
            if (KEPT_WHEN_INVALID.contains(action)) {
                // Energy the charger reported is never dropped, even in a frame we must refuse.
                records.keepUnmatched(connection.chargePointId(), action, "schema: " + describe(violations),
                        call.payload().toString(), clock.instant());
            }
            reject(connection, call.messageId(), violations.getFirst().code(), describe(violations),
                    details(violations));
            return;
        }
        meters.counter("ocpp.messages.received", "action", action).increment();
        JsonNode response;
        try {
            ChargePointRequest request = ChargePointCodec.decode(action, call.payload());
            response = ChargePointCodec.encode(
                    messages.handle(connection.chargePointId(), request, call.payload().toString()));
        } catch (RuntimeException e) {
            // Not remembered: the charger's retry of this call is processed afresh.
            log.error("{} {} {} failed", connection.chargePointId(), action, call.messageId(), e);
            send(connection, new CallError(call.messageId(), OcppErrorCode.InternalError,
                    "The central system could not process " + action + "; retry later", JSON.createObjectNode()));
            return;
        }
        List<SchemaViolation> invalidAnswer = schemas.validateResponse(action, response);
        if (!invalidAnswer.isEmpty()) {
            log.error("the answer to {} {} breaks the schema ({}); sent as InternalError", connection.chargePointId(),
                    action, describe(invalidAnswer));
            send(connection, new CallError(call.messageId(), OcppErrorCode.InternalError,
                    "The central system produced an invalid answer", JSON.createObjectNode()));
            return;
        }
        String frame = OcppFrames.write(new CallResult(call.messageId(), response));
        connection.remember(call.messageId(), frame);
        connection.send(frame);
    }

    private void onResult(ChargerConnection connection, CallResult result) {
        String action = connection.pendingAction(result.messageId());
        if (action == null) {
            meters.counter("ocpp.results.unexpected").increment();
            log.info("{} answered call {} that is not pending (late or unknown); ignored",
                    connection.chargePointId(), result.messageId());
            return;
        }
        List<SchemaViolation> violations = schemas.validateResponse(action, result.payload());
        if (!violations.isEmpty()) {
            connection.completeCall(new CallError(result.messageId(), violations.getFirst().code(),
                    "the charger's answer to " + action + " breaks the schema: " + describe(violations),
                    JSON.createObjectNode()));
            return;
        }
        connection.completeCall(result);
    }

    private void reject(ChargerConnection connection, String messageId, OcppErrorCode code, String description,
            JsonNode details) {
        meters.counter("ocpp.callerrors.sent", "code", code.wireName()).increment();
        log.info("{}: CALLERROR {} for {}: {}", connection.chargePointId(), code.wireName(), messageId, description);
        send(connection, new CallError(messageId, code, description,
                details == null ? JSON.createObjectNode() : details));
    }

    private static void send(ChargerConnection connection, CallError error) {
        connection.send(OcppFrames.write(error));
    }

    private static String describe(List<SchemaViolation> violations) {
        String text = violations.stream().map(v -> v.path() + ": " + v.message()).collect(Collectors.joining("; "));
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static JsonNode details(List<SchemaViolation> violations) {
        var array = JSON.createArrayNode();
        violations.stream().limit(10).forEach(v -> array.add(JSON.createObjectNode().put("path", v.path())
                .put("code", v.code().wireName()).put("message", v.message())));
        return JSON.createObjectNode().set("violations", array);
    }
}
