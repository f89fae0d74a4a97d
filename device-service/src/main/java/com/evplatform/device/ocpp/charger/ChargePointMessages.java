package com.evplatform.device.ocpp.charger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
import com.evplatform.device.ocpp.protocol.ChargePointCodec;
import com.evplatform.device.ocpp.protocol.messages.AuthorizationStatus;
import com.evplatform.device.ocpp.protocol.messages.Authorize;
import com.evplatform.device.ocpp.protocol.messages.BootNotification;
import com.evplatform.device.ocpp.protocol.messages.ChargePointRequest;
import com.evplatform.device.ocpp.protocol.messages.ChargePointResponse;
import com.evplatform.device.ocpp.protocol.messages.DataTransfer;
import com.evplatform.device.ocpp.protocol.messages.DataTransferStatus;
import com.evplatform.device.ocpp.protocol.messages.DiagnosticsStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.FirmwareStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.Heartbeat;
import com.evplatform.device.ocpp.protocol.messages.IdTagInfo;
import com.evplatform.device.ocpp.protocol.messages.MeterValues;
import com.evplatform.device.ocpp.protocol.messages.RegistrationStatus;
import com.evplatform.device.ocpp.protocol.messages.StartTransaction;
import com.evplatform.device.ocpp.protocol.messages.StatusNotification;
import com.evplatform.device.ocpp.protocol.messages.StopTransaction;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The central system's answers to what chargers send (OCPP 1.6J, charge point to central
 * system). Requests arrive schema-valid and decoded into the protocol layer's records, one case
 * of {@link ChargePointRequest} each; the answer is the action's response record, which the
 * protocol layer writes back. Each message's effect, its history rows and the events it
 * publishes commit in one transaction, before the answer; BootNotification and StatusNotification
 * share theirs with other chargers' ({@link GroupCommit}). A charger's messages come one at a time.
 *
 * <p>StartTransaction and StopTransaction are always answered, whatever they carry: a start
 * with a tag the platform did not issue is numbered and answered Invalid (the charger ends
 * it), a stop nobody can match is kept aside. Both are deduplicated by content, so a message
 * resent after a reconnect has no second effect.
 */
@Component
public class ChargePointMessages {

    private static final Logger log = LoggerFactory.getLogger(ChargePointMessages.class);
    /** How long a remote start's idTag may start its transaction (a charger offline for hours queues it). */
    private static final Duration ISSUED_TAG_LIFETIME = Duration.ofHours(24);

    private final OcppRecords records;
    private final ChargerLiveState live;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final GroupCommit groupCommit;
    private final OcppProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ChargePointMessages(OcppRecords records, ChargerLiveState live, Outbox outbox, TransactionTemplate transactions,
            GroupCommit groupCommit, OcppProperties properties, MeterRegistry meters, Clock clock) {
        this.records = records;
        this.live = live;
        this.outbox = outbox;
        this.transactions = transactions;
        this.groupCommit = groupCommit;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** The actions a charger may send; the others of OCPP 1.6 go the other way (NotSupported). */
    public static final List<String> ACTIONS = ChargePointCodec.ACTIONS;

    /**
     * Applies one CALL and returns its CALLRESULT payload.
     *
     * @param payload the payload as received, kept verbatim when a stop cannot be matched
     */
    public ChargePointResponse handle(String chargePointId, ChargePointRequest request, String payload) {
        return switch (request) {
            case BootNotification.Request boot -> bootNotification(chargePointId, boot);
            case Heartbeat.Request heartbeat -> new Heartbeat.Response(clock.instant());
            case StatusNotification.Request status -> statusNotification(chargePointId, status);
            case Authorize.Request authorize -> new Authorize.Response(idTagInfo(
                    startable(chargePointId, authorize.idTag()).isPresent()));
            case StartTransaction.Request start -> startTransaction(chargePointId, start);
            case MeterValues.Request meterValues -> meterValues(chargePointId, meterValues);
            case StopTransaction.Request stop -> stopTransaction(chargePointId, stop, payload);
            case DataTransfer.Request dataTransfer -> dataTransfer(chargePointId, dataTransfer);
            case FirmwareStatusNotification.Request firmware -> {
                records.firmwareStatus(chargePointId, firmware.status().name());
                yield new FirmwareStatusNotification.Response();
            }
            case DiagnosticsStatusNotification.Request diagnostics -> {
                records.diagnosticsStatus(chargePointId, diagnostics.status().name());
                yield new DiagnosticsStatusNotification.Response();
            }
        };
    }

    private BootNotification.Response bootNotification(String chargePointId, BootNotification.Request request) {
        Instant now = clock.instant();
        RegistrationStatus status = properties.bootStatus();
        // Committed with other chargers' boot-time writes, before the answer (ADR 19).
        groupCommit.write(chargePointId, () -> {
            records.chargerBooted(chargePointId, request.chargePointVendor(), request.chargePointModel(),
                    request.firmwareVersion(), now);
            publish(new DeviceEvent.ChargerBooted(chargePointId, request.chargePointVendor(),
                    request.chargePointModel(), request.firmwareVersion(), status.name(), now));
        });
        return new BootNotification.Response(status, now, (int) properties.heartbeatInterval().toSeconds());
    }

    private StatusNotification.Response statusNotification(String chargePointId, StatusNotification.Request request) {
        int connectorId = request.connectorId();
        String status = request.status().name();
        String errorCode = request.errorCode().name();
        Instant now = clock.instant();
        Instant reportedAt = request.timestamp() != null ? MeterValuesReader.timestamp(request.timestamp()) : now;
        groupCommit.write(chargePointId, () -> {
            records.logStatus(chargePointId, connectorId, status, errorCode, reportedAt, now);
            publish(new DeviceEvent.ConnectorStatusChanged(
                    chargePointId, connectorId, status, errorCode, request.info(), reportedAt));
        });
        // After the commit: the live state never shows what the history does not have. With Redis
        // away the charger is still answered (its retry would log the status twice); the live
        // state is restored from the history when Redis is back (LiveStateReassertion).
        try {
            live.connectorStatus(chargePointId, connectorId, status);
        } catch (RuntimeException e) {
            meters.counter("ocpp.live-state.failures").increment();
            log.warn("live state: cannot record {} connector {} as {}: {}", chargePointId, connectorId, status,
                    e.toString());
        }
        return new StatusNotification.Response();
    }

    private StartTransaction.Response startTransaction(String chargePointId, StartTransaction.Request request) {
        int connectorId = request.connectorId();
        String idTag = request.idTag();
        Instant startedAt = MeterValuesReader.timestamp(request.timestamp());
        long meterStart = request.meterStart();
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
            publish(new DeviceEvent.TransactionStarted(chargePointId, connectorId, started.id(), idTag, status,
                    sessionId, meterStart, startedAt, operatorOf(chargePointId)));
            return started;
        });
        return new StartTransaction.Response(
                IdTagInfo.of(AuthorizationStatus.valueOf(transaction.idTagStatus())), transaction.id());
    }

    private MeterValues.Response meterValues(String chargePointId, MeterValues.Request request) {
        int connectorId = request.connectorId();
        Integer transactionId = request.transactionId();
        List<MeterSample> samples = MeterValuesReader.samples(request.meterValue());
        if (samples.isEmpty()) {
            return new MeterValues.Response();
        }
        transactions.executeWithoutResult(tx -> {
            String sessionId = transactionId == null ? null : records.transaction(transactionId)
                    .filter(t -> t.chargePointId().equals(chargePointId)).map(TransactionRow::sessionId).orElse(null);
            publish(new DeviceEvent.MeterValuesReported(chargePointId,
                    connectorId, transactionId, sessionId, samples));
        });
        return new MeterValues.Response();
    }

    private StopTransaction.Response stopTransaction(String chargePointId, StopTransaction.Request request,
            String payload) {
        int transactionId = request.transactionId();
        String idTag = request.idTag();
        Instant stoppedAt = MeterValuesReader.timestamp(request.timestamp());
        long meterStop = request.meterStop();
        String reason = request.reasonOrDefault().name();
        List<MeterSample> samples = MeterValuesReader.samples(request.transactionData());
        transactions.executeWithoutResult(tx -> {
            Optional<TransactionRow> found = records.transaction(transactionId)
                    .filter(t -> t.chargePointId().equals(chargePointId));
            Instant now = clock.instant();
            if (found.isEmpty()) {
                meters.counter("ocpp.unmatched", "action", "StopTransaction").increment();
                log.warn("{} stopped transaction {} which it never started here; kept aside", chargePointId,
                        transactionId);
                records.keepUnmatched(chargePointId, "StopTransaction", "unknown transaction id", payload, now);
                return;
            }
            TransactionRow transaction = found.get();
            if (!records.stopTransaction(transactionId, stoppedAt, meterStop, reason)) {
                boolean sameStop = stoppedAt.equals(transaction.stoppedAt())
                        && Long.valueOf(meterStop).equals(transaction.meterStopWh());
                meters.counter("ocpp.duplicates", "action", "StopTransaction").increment();
                if (!sameStop) {
                    records.keepUnmatched(chargePointId, "StopTransaction",
                            "a second, different stop of transaction " + transactionId, payload, now);
                }
                return;
            }
            publish(new DeviceEvent.TransactionStopped(
                    chargePointId, transaction.connectorId(), transactionId, idTag != null ? idTag : transaction.idTag(),
                    transaction.sessionId(), transaction.meterStartWh(), meterStop, transaction.startedAt(), stoppedAt,
                    reason, samples, operatorOf(chargePointId)));
        });
        if (idTag == null) {
            return new StopTransaction.Response(null);
        }
        boolean ours = records.issuedTag(idTag).filter(tag -> tag.chargePointId().equals(chargePointId)).isPresent();
        return new StopTransaction.Response(idTagInfo(ours));
    }

    private DataTransfer.Response dataTransfer(String chargePointId, DataTransfer.Request request) {
        // No vendor extensions are implemented; the charger learns so instead of an error.
        log.info("{} sent DataTransfer from vendor {} ({}), not supported", chargePointId,
                request.vendorId(), Objects.requireNonNullElse(request.messageId(), ""));
        return new DataTransfer.Response(DataTransferStatus.UnknownVendorId, null);
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

    /**
     * Whose transaction it is, for consumers that have no order to ask (an Invalid start has none):
     * the operator of the charger's station. The connection knows only the charger's id, so it is
     * read with each transaction event (one join on two primary keys; starts and stops are rare).
     * A connected charger is always registered; null would only mean it no longer is.
     */
    private String operatorOf(String chargePointId) {
        return records.operatorOf(chargePointId).orElse(null);
    }

    private void publish(DeviceEvent event) {
        outbox.publish(OutgoingMessage.to(DeviceEvents.EXCHANGE).aggregate(DeviceEvents.aggregateOf(event.chargePointId()))
                .messageOf(DeviceEvents.kindOf(event), event));
    }

    private static IdTagInfo idTagInfo(boolean accepted) {
        return IdTagInfo.of(accepted ? AuthorizationStatus.Accepted : AuthorizationStatus.Invalid);
    }
}
