package com.evplatform.device.ocpp.charger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.contract.DeviceEvent.MeterSample;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.OcppProperties;
import com.evplatform.device.ocpp.charger.OcppRecords.IssuedTag;
import com.evplatform.device.ocpp.charger.OcppRecords.TransactionRow;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The central system's answers to what chargers send (OCPP 1.6J, charge point to central
 * system). Payloads arrive schema-valid. Each message's effect, its history rows and the
 * events it publishes commit in one transaction; a charger's messages come one at a time.
 *
 * <p>StartTransaction and StopTransaction are always answered, whatever they carry: a start
 * with a tag the platform did not issue is numbered and answered Invalid (the charger ends
 * it), a stop nobody can match is kept aside. Both are deduplicated by content, so a message
 * resent after a reconnect has no second effect.
 */
@Component
public class ChargePointMessages {

    private static final Logger log = LoggerFactory.getLogger(ChargePointMessages.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long a remote start's idTag may start its transaction (a charger offline for hours queues it). */
    private static final Duration ISSUED_TAG_LIFETIME = Duration.ofHours(24);

    private final OcppRecords records;
    private final ChargerLiveState live;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final OcppProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ChargePointMessages(OcppRecords records, ChargerLiveState live, Outbox outbox, TransactionTemplate transactions,
            OcppProperties properties, MeterRegistry meters, Clock clock) {
        this.records = records;
        this.live = live;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** The actions a charger may send; the others of OCPP 1.6 go the other way (NotSupported). */
    public static final List<String> ACTIONS = List.of("BootNotification", "Heartbeat", "StatusNotification",
            "Authorize", "StartTransaction", "MeterValues", "StopTransaction", "DataTransfer",
            "FirmwareStatusNotification", "DiagnosticsStatusNotification");

    /** Applies one CALL and returns its CALLRESULT payload. */
    public JsonNode handle(String chargePointId, String action, JsonNode request) {
        meters.counter("ocpp.messages.received", "action", action).increment();
        return switch (action) {
            case "BootNotification" -> bootNotification(chargePointId, request);
            case "Heartbeat" -> object().put("currentTime", now());
            case "StatusNotification" -> statusNotification(chargePointId, request);
            case "Authorize" -> object().set("idTagInfo", idTagInfo(
                    startable(chargePointId, request.path("idTag").asString()).isPresent() ? "Accepted" : "Invalid"));
            case "StartTransaction" -> startTransaction(chargePointId, request);
            case "MeterValues" -> meterValues(chargePointId, request);
            case "StopTransaction" -> stopTransaction(chargePointId, request);
            case "DataTransfer" -> dataTransfer(chargePointId, request);
            case "FirmwareStatusNotification" -> {
                records.firmwareStatus(chargePointId, request.path("status").asString());
                yield object();
            }
            case "DiagnosticsStatusNotification" -> {
                records.diagnosticsStatus(chargePointId, request.path("status").asString());
                yield object();
            }
            default -> throw new IllegalArgumentException("not an action a charger sends: " + action);
        };
    }

    private JsonNode bootNotification(String chargePointId, JsonNode request) {
        Instant now = clock.instant();
        String status = properties.bootStatus().name();
        transactions.executeWithoutResult(tx -> {
            records.chargerBooted(chargePointId, request.path("chargePointVendor").asString(),
                    request.path("chargePointModel").asString(), request.path("firmwareVersion").asString(null), now);
            publish(new DeviceEvent.ChargerBooted(chargePointId,
                    request.path("chargePointVendor").asString(), request.path("chargePointModel").asString(),
                    request.path("firmwareVersion").asString(null), status, now));
        });
        return object().put("status", status).put("currentTime", format(now))
                .put("interval", (int) properties.heartbeatInterval().toSeconds());
    }

    private JsonNode statusNotification(String chargePointId, JsonNode request) {
        int connectorId = request.path("connectorId").asInt();
        String status = request.path("status").asString();
        String errorCode = request.path("errorCode").asString();
        Instant now = clock.instant();
        Instant reportedAt = request.hasNonNull("timestamp") ? MeterValuesReader.timestamp(
                request.path("timestamp").asString()) : now;
        transactions.executeWithoutResult(tx -> {
            records.logStatus(chargePointId, connectorId, status, errorCode, reportedAt, now);
            publish(new DeviceEvent.ConnectorStatusChanged(
                    chargePointId, connectorId, status, errorCode, request.path("info").asString(null), reportedAt));
        });
        // After the commit: the live state never shows what the history does not have.
        live.connectorStatus(chargePointId, connectorId, status);
        return object();
    }

    private JsonNode startTransaction(String chargePointId, JsonNode request) {
        int connectorId = request.path("connectorId").asInt();
        String idTag = request.path("idTag").asString();
        Instant startedAt = MeterValuesReader.timestamp(request.path("timestamp").asString());
        long meterStart = request.path("meterStart").asLong();
        TransactionRow transaction = transactions.execute(tx -> {
            Optional<TransactionRow> existing = records.transactionStartedAs(chargePointId, connectorId, idTag,
                    startedAt, meterStart);
            if (existing.isPresent()) {
                meters.counter("ocpp.duplicates", "action", "StartTransaction").increment();
                return existing.get();
            }
            Optional<IssuedTag> issued = startable(chargePointId, idTag);
            String status = issued.isPresent() ? "Accepted" : "Invalid";
            String sessionId = issued.map(IssuedTag::sessionId).orElse(null);
            TransactionRow started = records.startTransaction(chargePointId, connectorId, idTag, status, sessionId,
                    startedAt, meterStart, clock.instant());
            if (issued.isPresent()) {
                records.tagUsed(idTag, started.id());
            }
            publish(new DeviceEvent.TransactionStarted(
                    chargePointId, connectorId, started.id(), idTag, status, sessionId, meterStart, startedAt));
            return started;
        });
        return object().put("transactionId", transaction.id())
                .set("idTagInfo", idTagInfo(transaction.idTagStatus()));
    }

    private JsonNode meterValues(String chargePointId, JsonNode request) {
        int connectorId = request.path("connectorId").asInt();
        Integer transactionId = request.hasNonNull("transactionId") ? request.path("transactionId").asInt() : null;
        List<MeterSample> samples = MeterValuesReader.read(request.path("meterValue"));
        if (samples.isEmpty()) {
            return object();
        }
        transactions.executeWithoutResult(tx -> {
            String sessionId = transactionId == null ? null : records.transaction(transactionId)
                    .filter(t -> t.chargePointId().equals(chargePointId)).map(TransactionRow::sessionId).orElse(null);
            publish(new DeviceEvent.MeterValuesReported(chargePointId,
                    connectorId, transactionId, sessionId, samples));
        });
        return object();
    }

    private JsonNode stopTransaction(String chargePointId, JsonNode request) {
        int transactionId = request.path("transactionId").asInt();
        String idTag = request.path("idTag").asString(null);
        Instant stoppedAt = MeterValuesReader.timestamp(request.path("timestamp").asString());
        long meterStop = request.path("meterStop").asLong();
        String reason = request.path("reason").asString("Local");
        List<MeterSample> samples = MeterValuesReader.read(request.path("transactionData"));
        transactions.executeWithoutResult(tx -> {
            Optional<TransactionRow> found = records.transaction(transactionId)
                    .filter(t -> t.chargePointId().equals(chargePointId));
            Instant now = clock.instant();
            if (found.isEmpty()) {
                meters.counter("ocpp.unmatched", "action", "StopTransaction").increment();
                log.warn("{} stopped transaction {} which it never started here; kept aside", chargePointId,
                        transactionId);
                records.keepUnmatched(chargePointId, "StopTransaction", "unknown transaction id", request.toString(),
                        now);
                return;
            }
            TransactionRow transaction = found.get();
            if (!records.stopTransaction(transactionId, stoppedAt, meterStop, reason)) {
                boolean sameStop = stoppedAt.equals(transaction.stoppedAt())
                        && Long.valueOf(meterStop).equals(transaction.meterStopWh());
                meters.counter("ocpp.duplicates", "action", "StopTransaction").increment();
                if (!sameStop) {
                    records.keepUnmatched(chargePointId, "StopTransaction",
                            "a second, different stop of transaction " + transactionId, request.toString(), now);
                }
                return;
            }
            publish(new DeviceEvent.TransactionStopped(
                    chargePointId, transaction.connectorId(), transactionId, idTag != null ? idTag : transaction.idTag(),
                    transaction.sessionId(), transaction.meterStartWh(), meterStop, transaction.startedAt(), stoppedAt,
                    reason, samples));
        });
        ObjectNode answer = object();
        if (idTag != null) {
            boolean ours = records.issuedTag(idTag).filter(tag -> tag.chargePointId().equals(chargePointId))
                    .isPresent();
            answer.set("idTagInfo", idTagInfo(ours ? "Accepted" : "Invalid"));
        }
        return answer;
    }

    private JsonNode dataTransfer(String chargePointId, JsonNode request) {
        // No vendor extensions are implemented; the charger learns so instead of an error.
        log.info("{} sent DataTransfer from vendor {} ({}), not supported", chargePointId,
                request.path("vendorId").asString(), request.path("messageId").asString(""));
        return object().put("status", "UnknownVendorId");
    }

    /**
     * A tag that may start a transaction here: issued by the platform with a remote start to
     * this charger, recently, not used yet and not revoked. Nothing else may charge.
     */
    private Optional<IssuedTag> startable(String chargePointId, String idTag) {
        Instant oldest = clock.instant().minus(ISSUED_TAG_LIFETIME);
        return records.issuedTag(idTag).filter(tag -> tag.chargePointId().equals(chargePointId))
                .filter(tag -> tag.usedByTransaction() == null && tag.revokedAt() == null
                        && tag.issuedAt().isAfter(oldest));
    }

    private void publish(DeviceEvent event) {
        outbox.publish(OutgoingMessage.to(DeviceEvents.EXCHANGE).aggregate(DeviceEvents.aggregateOf(event.chargePointId()))
                .messageOf(DeviceEvents.kindOf(event), event));
    }

    private static ObjectNode idTagInfo(String status) {
        return object().put("status", status);
    }

    private String now() {
        return format(clock.instant());
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
