package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.registry.infrastructure.LiveState;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.RawCharger;
import com.evplatform.testsupport.PlatformInfrastructure;

import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.JSONConfiguration;
import eu.chargetime.ocpp.feature.profile.ClientCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityConfirmation;
import eu.chargetime.ocpp.model.core.ChangeAvailabilityRequest;
import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ChargePointErrorCode;
import eu.chargetime.ocpp.model.core.ChargePointStatus;
import eu.chargetime.ocpp.model.core.ClearCacheConfirmation;
import eu.chargetime.ocpp.model.core.ClearCacheRequest;
import eu.chargetime.ocpp.model.core.DataTransferConfirmation;
import eu.chargetime.ocpp.model.core.DataTransferRequest;
import eu.chargetime.ocpp.model.core.GetConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.GetConfigurationRequest;
import eu.chargetime.ocpp.model.core.MeterValue;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.RemoteStartStopStatus;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStartTransactionRequest;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.RemoteStopTransactionRequest;
import eu.chargetime.ocpp.model.core.ResetConfirmation;
import eu.chargetime.ocpp.model.core.ResetRequest;
import eu.chargetime.ocpp.model.core.ResetStatus;
import eu.chargetime.ocpp.model.core.SampledValue;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionRequest;
import eu.chargetime.ocpp.model.core.UnlockConnectorConfirmation;
import eu.chargetime.ocpp.model.core.UnlockConnectorRequest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.device.ocpp.call-timeout=3s")
@PlatformInfrastructure(schema = "device")
class OcppCentralSystemIT extends DeviceApiTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AmqpAdmin amqpAdmin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    ApiClient api;
    OcppTestSupport.EventTap events;
    String operatorCode;
    String stationId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        events = new OcppTestSupport.EventTap(amqpAdmin, rabbit);
        operatorCode = OcppTestSupport.operator(jdbc);
        stationId = OcppTestSupport.station(api, TOKENS, operatorCode);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    /** The charger's side of the remote calls, as an independent OCPP library runs it. */
    static final class ChargerSide implements ClientCoreEventHandler {
        final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

        @Override
        public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(
                RemoteStartTransactionRequest request) {
            requests.add(request);
            return new RemoteStartTransactionConfirmation(RemoteStartStopStatus.Accepted);
        }

        @Override
        public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(
                RemoteStopTransactionRequest request) {
            requests.add(request);
            return new RemoteStopTransactionConfirmation(RemoteStartStopStatus.Accepted);
        }

        @Override
        public ResetConfirmation handleResetRequest(ResetRequest request) {
            requests.add(request);
            return new ResetConfirmation(ResetStatus.Accepted);
        }

        @Override
        public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(ChangeAvailabilityRequest request) {
            return null;
        }

        @Override
        public GetConfigurationConfirmation handleGetConfigurationRequest(GetConfigurationRequest request) {
            return null;
        }

        @Override
        public ChangeConfigurationConfirmation handleChangeConfigurationRequest(ChangeConfigurationRequest request) {
            return null;
        }

        @Override
        public ClearCacheConfirmation handleClearCacheRequest(ClearCacheRequest request) {
            return null;
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(DataTransferRequest request) {
            return null;
        }

        @Override
        public UnlockConnectorConfirmation handleUnlockConnectorRequest(UnlockConnectorRequest request) {
            return null;
        }

        @SuppressWarnings("unchecked")
        <T extends Request> T next(Class<T> type) throws InterruptedException {
            Request request = requests.poll(20, TimeUnit.SECONDS);
            assertThat(request).as("a %s from the central system", type.getSimpleName()).isInstanceOf(type);
            return (T) request;
        }
    }

    @Test
    void a_charger_boots_reports_status_and_runs_a_remote_transaction_with_every_event_published() throws Exception {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        var side = new ChargerSide();
        var core = new ClientCoreProfile(side);
        var client = new JSONClient(core, chargePointId, JSONConfiguration.get()
                .setParameter(JSONConfiguration.USERNAME_PARAMETER, chargePointId)
                .setParameter(JSONConfiguration.PASSWORD_PARAMETER, OcppTestSupport.PASSWORD));
        client.connect("ws://127.0.0.1:" + port + "/ocpp", null);
        try {
            var boot = (BootNotificationConfirmation) send(client, core.createBootNotificationRequest("Acme", "AC22"));
            assertThat(boot.getStatus()).isEqualTo(RegistrationStatus.Accepted);
            assertThat(boot.getInterval()).isEqualTo(60);
            send(client, core.createStatusNotificationRequest(1, ChargePointErrorCode.NoError,
                    ChargePointStatus.Available));
            await().atMost(PATIENCE).until(() -> "Available".equals(
                    redis.opsForValue().get(LiveState.connectorKey(chargePointId, 1))));
            assertThat(redis.hasKey(LiveState.onlineKey(chargePointId))).isTrue();

            String sessionId = UUID.randomUUID().toString();
            String idTag = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
            command(new ChargerCommand.RemoteStart(UUID.randomUUID().toString(), chargePointId, 1, sessionId, idTag));
            var remoteStart = side.next(RemoteStartTransactionRequest.class);
            assertThat(remoteStart.getIdTag()).isEqualTo(idTag);
            assertThat(remoteStart.getConnectorId()).isEqualTo(1);

            ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
            var started = (StartTransactionConfirmation) send(client,
                    core.createStartTransactionRequest(1, idTag, 10_000, startedAt));
            assertThat(started.getIdTagInfo().getStatus().name()).isEqualTo("Accepted");
            int transactionId = started.getTransactionId();

            var energy = new SampledValue("12.5");
            energy.setMeasurand("Energy.Active.Import.Register");
            energy.setUnit("kWh");
            var power = new SampledValue("7200");
            power.setMeasurand("Power.Active.Import");
            power.setUnit("W");
            var meter = core.createMeterValuesRequest(1, new MeterValue(startedAt.plusMinutes(5), new SampledValue[] {
                energy, power}));
            meter.setTransactionId(transactionId);
            send(client, meter);

            command(new ChargerCommand.RemoteStop(UUID.randomUUID().toString(), chargePointId, sessionId, transactionId));
            assertThat(side.next(RemoteStopTransactionRequest.class).getTransactionId()).isEqualTo(transactionId);
            StopTransactionRequest stop = core.createStopTransactionRequest(13_100, startedAt.plusMinutes(10),
                    transactionId);
            stop.setIdTag(idTag);
            var stopped = (StopTransactionConfirmation) send(client, stop);
            assertThat(stopped.getIdTagInfo().getStatus().name()).isEqualTo("Accepted");

            assertThat(events.await(chargePointId, "device.charger-online", 1, PATIENCE)).hasSize(1);
            JsonNode booted = events.await(chargePointId, "device.charger-booted", 1, PATIENCE).getFirst();
            assertThat(booted.path("vendor").asString()).isEqualTo("Acme");
            assertThat(events.await(chargePointId, "device.connector-status-changed", 1, PATIENCE).getFirst()
                    .path("status").asString()).isEqualTo("Available");
            JsonNode start = events.await(chargePointId, "device.transaction-started", 1, PATIENCE).getFirst();
            assertThat(start.path("transactionId").asInt()).isEqualTo(transactionId);
            assertThat(start.path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(start.path("meterStartWh").asLong()).isEqualTo(10_000);
            assertThat(start.path("operatorCode").asString()).isEqualTo(operatorCode);
            JsonNode sample = events.await(chargePointId, "device.meter-values", 1, PATIENCE).getFirst()
                    .path("samples").get(0);
            assertThat(sample.path("energyWh").asLong()).isEqualTo(12_500);
            assertThat(sample.path("powerW").asLong()).isEqualTo(7_200);
            JsonNode end = events.await(chargePointId, "device.transaction-stopped", 1, PATIENCE).getFirst();
            assertThat(end.path("meterStopWh").asLong()).isEqualTo(13_100);
            assertThat(end.path("sessionId").asString()).isEqualTo(sessionId);
            assertThat(end.path("operatorCode").asString()).isEqualTo(operatorCode);
            List<JsonNode> results = events.await(chargePointId, "device.command-result", 2, PATIENCE);
            assertThat(results).extracting(r -> r.path("status").asString()).containsExactly("ACCEPTED", "ACCEPTED");
        } finally {
            client.disconnect();
        }
        assertThat(events.await(chargePointId, "device.charger-offline", 1, PATIENCE)).hasSize(1);
        await().atMost(PATIENCE).until(() -> !redis.hasKey(LiveState.onlineKey(chargePointId)));
    }

    @Test
    void unknown_chargers_wrong_passwords_and_a_missing_subprotocol_are_refused_at_the_handshake() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);

        assertThat(refusal(() -> RawCharger.connect(port, "CP-NOBODY-" + UUID.randomUUID().toString()
                .substring(0, 6), OcppTestSupport.PASSWORD))).isEqualTo(401);
        assertThat(refusal(() -> RawCharger.connect(port, chargePointId, "not-the-password-at-all"))).isEqualTo(401);
        assertThat(refusal(() -> RawCharger.connectWithoutSubprotocol(port, chargePointId,
                OcppTestSupport.PASSWORD))).isEqualTo(400);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.subprotocol()).isEqualTo("ocpp1.6");
        }
    }

    @Test
    void bad_frames_get_a_callerror_and_the_connection_and_other_chargers_carry_on() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String neighbourId = OcppTestSupport.charger(api, TOKENS, stationId);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD);
                var neighbour = RawCharger.connect(port, neighbourId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange("this is not json")).startsWith("[4,\"-1\",\"FormationViolation\"");
            assertThat(charger.exchange("{\"an\":\"object\"}")).startsWith("[4,\"-1\",\"FormationViolation\"");
            assertThat(charger.exchange("[2,\"m1\",\"Heartbeat\"]")).startsWith("[4,\"m1\",\"ProtocolError\"");
            assertThat(charger.exchange("[2,\"m2\",\"FlyToTheMoon\",{}]")).startsWith("[4,\"m2\",\"NotImplemented\"");
            assertThat(charger.exchange("[2,\"m3\",\"Reset\",{\"type\":\"Hard\"}]"))
                    .startsWith("[4,\"m3\",\"NotSupported\"");
            assertThat(charger.exchange("[2,\"m4\",\"StatusNotification\",{\"connectorId\":1,\"status\":"
                    + "\"Available\"}]")).startsWith("[4,\"m4\",\"OccurenceConstraintViolation\"");
            assertThat(charger.exchange("[2,\"m5\",\"StatusNotification\",{\"connectorId\":1,\"status\":\"Happy\","
                    + "\"errorCode\":\"NoError\"}]")).startsWith("[4,\"m5\",\"PropertyConstraintViolation\"");
            assertThat(charger.exchange("[2,\"m6\",\"StatusNotification\",{\"connectorId\":\"one\",\"status\":"
                    + "\"Available\",\"errorCode\":\"NoError\"}]")).startsWith("[4,\"m6\",\"TypeConstraintViolation\"");
            assertThat(charger.exchange("[2,\"m7\",\"Authorize\",{\"idTag\":\"" + "T".repeat(21) + "\"}]"))
                    .startsWith("[4,\"m7\",\"PropertyConstraintViolation\"");

            assertThat(charger.exchange("[2,\"m8\",\"Heartbeat\",{}]")).startsWith("[3,\"m8\",{\"currentTime\"");
            assertThat(charger.isOpen()).isTrue();
            assertThat(neighbour.exchange("[2,\"n1\",\"Heartbeat\",{}]")).startsWith("[3,\"n1\",");
        }
        assertThat(events.settle(chargePointId, "device.connector-status-changed")).isEmpty();
    }

    @Test
    void a_frame_larger_than_the_receive_buffer_is_joined_and_one_over_the_limit_closes_only_its_connection() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String neighbourId = OcppTestSupport.charger(api, TOKENS, stationId);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD);
                var neighbour = RawCharger.connect(port, neighbourId, OcppTestSupport.PASSWORD)) {
            // Sixteen times the WebSocket receive buffer (2 K): delivered in parts, answered as one frame.
            String large = "[2,\"big1\",\"DataTransfer\",{\"vendorId\":\"com.example\",\"data\":\""
                    + "x".repeat(32 * 1024) + "\"}]";
            assertThat(charger.exchange(large)).startsWith("[3,\"big1\",{\"status\":");
            assertThat(charger.exchange("[2,\"h1\",\"Heartbeat\",{}]")).startsWith("[3,\"h1\",");

            String tooLarge = "[2,\"big2\",\"DataTransfer\",{\"vendorId\":\"com.example\",\"data\":\""
                    + "x".repeat(70 * 1024) + "\"}]";
            charger.send(tooLarge);
            await().atMost(PATIENCE).until(() -> !charger.isOpen());
            assertThat(neighbour.exchange("[2,\"n1\",\"Heartbeat\",{}]")).startsWith("[3,\"n1\",");
        }
    }

    @Test
    void a_retried_call_is_answered_the_same_and_a_stop_resent_after_a_reconnect_stops_once() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String start = "[2,\"s1\",\"StartTransaction\",{\"connectorId\":2,\"idTag\":\"LOCALCARD1\","
                + "\"meterStart\":500,\"timestamp\":\"2026-11-22T08:00:00Z\"}]";
        String firstAnswer;
        int transactionId;
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            firstAnswer = charger.exchange(start);
            assertThat(firstAnswer).contains("\"status\":\"Invalid\"");
            transactionId = Integer.parseInt(firstAnswer.replaceAll(".*\"transactionId\":(\\d+).*", "$1"));
            assertThat(charger.exchange(start)).isEqualTo(firstAnswer);
        }
        String stop = "[2,\"%s\",\"StopTransaction\",{\"transactionId\":" + transactionId
                + ",\"meterStop\":2500,\"timestamp\":\"2026-11-22T08:30:00Z\",\"reason\":\"EVDisconnected\"}]";
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange(start.replace("\"s1\"", "\"s2\""))).contains("\"transactionId\":"
                    + transactionId);
            assertThat(charger.exchange(stop.formatted("t1"))).startsWith("[3,\"t1\",{");
        }
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange(stop.formatted("t2"))).startsWith("[3,\"t2\",{");
            assertThat(charger.exchange("[2,\"u1\",\"StopTransaction\",{\"transactionId\":999999999,"
                    + "\"meterStop\":1,\"timestamp\":\"2026-11-22T08:30:00Z\"}]")).startsWith("[3,\"u1\",{");
        }

        assertThat(events.await(chargePointId, "device.transaction-stopped", 1, PATIENCE)).hasSize(1);
        // No session and so no order: the event is all that says whose transaction this was.
        assertThat(events.settle(chargePointId, "device.transaction-stopped")).singleElement()
                .satisfies(stopped -> assertThat(stopped.path("operatorCode").asString()).isEqualTo(operatorCode));
        assertThat(events.settle(chargePointId, "device.transaction-started")).singleElement()
                .satisfies(started -> assertThat(started.path("operatorCode").asString()).isEqualTo(operatorCode));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ocpp_unmatched WHERE charge_point_id = ?",
                Integer.class, chargePointId)).isEqualTo(1);
    }

    @Test
    void a_command_for_an_offline_charger_comes_back_at_once_and_reaches_it_after_it_reconnects() throws Exception {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String offlineCommand = UUID.randomUUID().toString();
        ChargerCommand command = new ChargerCommand.Reset(offlineCommand, chargePointId, "Soft");
        String messageId = transactions.execute(tx -> outbox.publish(commandMessage(command))).messageId().toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> "RETURNED".equals(jdbc.queryForObject(
                "SELECT status FROM messaging_outbox WHERE message_id = ?", String.class, messageId)));

        String admin = TOKENS.admin();
        var refused = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin, Map.of("type", "RESET"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field("code")).isEqualTo("CHARGER_OFFLINE");

        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            charger.exchange("[2,\"b1\",\"BootNotification\",{\"chargePointVendor\":\"Acme\","
                    + "\"chargePointModel\":\"AC22\"}]");
            var accepted = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin,
                    Map.of("type", "RESET", "params", Map.of("type", "Hard")));
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            String commandId = accepted.field("commandId");
            String call = charger.next();
            assertThat(call).startsWith("[2,\"").contains("\"Reset\",{\"type\":\"Hard\"}");
            String callId = call.substring(4, call.indexOf('"', 4));
            charger.send("[3,\"" + callId + "\",{\"status\":\"Accepted\"}]");
            await().atMost(PATIENCE).until(() -> "ACCEPTED".equals(api.get("/api/admin/commands/" + commandId,
                    admin).field("status")));
        }
    }

    @Test
    void admin_commands_are_validated_and_scoped_to_the_operator() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String admin = TOKENS.admin();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("type", "LAUNCH"),
                Map.of("type", "REMOTE_START", "params", Map.of("idTag", "x")),
                Map.of("type", "UNLOCK_CONNECTOR"),
                Map.of("type", "CHANGE_AVAILABILITY", "params", Map.of("type", "Sometimes")),
                Map.of("type", "TRIGGER_MESSAGE", "params", Map.of("requestedMessage", "Coffee")),
                Map.of("type", "RESET", "connectorId", 12),
                Map.of("connectorId", 1))) {
            var response = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin, bad);
            assertThat(response.status()).as("%s", bad).isEqualTo(400);
            assertThat(response.field("code")).isEqualTo("VALIDATION_FAILED");
        }
        String stranger = TOKENS.operator(UUID.randomUUID().toString(), "ZZZZZZZZZ");
        assertThat(api.post("/api/admin/chargers/" + chargePointId + "/commands", stranger, Map.of("type", "RESET"))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/admin/chargers/" + chargePointId + "/commands",
                TOKENS.driver(UUID.randomUUID().toString()), Map.of("type", "RESET")).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/commands/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
    }

    @Test
    void an_issued_tag_starts_one_transaction_on_its_own_charger_and_sub_second_resends_are_recognised() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String otherId = OcppTestSupport.charger(api, TOKENS, stationId);
        String idTag = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD);
                var other = RawCharger.connect(port, otherId, OcppTestSupport.PASSWORD)) {
            awaitHeld(charger);
            command(new ChargerCommand.RemoteStart(UUID.randomUUID().toString(), chargePointId, 1, "session-1", idTag));
            String remoteStart = charger.next();
            charger.send("[3,\"" + callId(remoteStart) + "\",{\"status\":\"Accepted\"}]");

            assertThat(other.exchange("[2,\"a1\",\"Authorize\",{\"idTag\":\"" + idTag + "\"}]"))
                    .contains("\"Invalid\"");
            assertThat(charger.exchange("[2,\"a2\",\"Authorize\",{\"idTag\":\"" + idTag + "\"}]"))
                    .contains("\"Accepted\"");
            String start = "[2,\"%s\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"" + idTag
                    + "\",\"meterStart\":%d,\"timestamp\":\"2026-11-22T09:00:00.123456Z\"}]";
            String first = charger.exchange(start.formatted("s1", 100));
            assertThat(first).contains("\"Accepted\"");
            assertThat(charger.exchange(start.formatted("s2", 100))).isEqualTo(first.replace("\"s1\"", "\"s2\""));
            assertThat(charger.exchange(start.formatted("s3", 900))).contains("\"Invalid\"");
        }
        assertThat(events.await(chargePointId, "device.transaction-started", 2, PATIENCE)).hasSize(2);
        assertThat(events.settle(chargePointId, "device.transaction-started"))
                .extracting(e -> e.path("idTagStatus").asString()).containsExactly("Accepted", "Invalid");
    }

    @Test
    void a_stop_the_schema_refuses_is_kept_aside_and_calls_to_a_charger_go_one_at_a_time() throws Exception {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        try (var first = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD);
                var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            await().atMost(PATIENCE).until(() -> !first.isOpen());
            assertThat(charger.exchange("[2,\"x1\",\"StopTransaction\",{\"transactionId\":5,\"meterStop\":\"lots\","
                    + "\"timestamp\":\"2026-11-22T09:00:00Z\"}]")).startsWith("[4,\"x1\",\"TypeConstraintViolation\"");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ocpp_unmatched WHERE charge_point_id = ? "
                    + "AND action = 'StopTransaction'", Integer.class, chargePointId)).isEqualTo(1);

            String admin = TOKENS.admin();
            String unlock = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin,
                    Map.of("type", "UNLOCK_CONNECTOR", "connectorId", 1)).field("commandId");
            String trigger = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin,
                    Map.of("type", "TRIGGER_MESSAGE", "params", Map.of("requestedMessage", "Heartbeat")))
                    .field("commandId");
            String reset = api.post("/api/admin/chargers/" + chargePointId + "/commands", admin,
                    Map.of("type", "RESET")).field("commandId");
            String firstCall = charger.next();
            assertThat(firstCall).contains("\"UnlockConnector\"");
            assertThat(charger.nextWithin(Duration.ofMillis(500))).as("a second call while one is in flight").isNull();
            charger.send("[4,\"" + callId(firstCall) + "\",\"NotSupported\",\"no lock here\",{}]");
            String secondCall = charger.next();
            assertThat(secondCall).contains("\"TriggerMessage\"");
            // The charger never answers the trigger: it times out, then the reset goes out.
            String thirdCall = charger.next();
            assertThat(thirdCall).contains("\"Reset\"");
            charger.send("[3,\"" + callId(thirdCall) + "\",{\"status\":\"Rejected\"}]");

            await().atMost(PATIENCE).until(() -> "REJECTED".equals(api.get("/api/admin/commands/" + reset, admin)
                    .field("status")));
            assertThat(api.get("/api/admin/commands/" + unlock, admin).field("status")).isEqualTo("FAILED");
            assertThat(api.get("/api/admin/commands/" + trigger, admin).field("status")).isEqualTo("TIMED_OUT");
        }
    }

    @Test
    void a_cancelled_start_revokes_its_tag_and_stops_the_transaction_it_already_started() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String late = idTag("L");
        String early = idTag("E");
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            int transactionId = twoStartsOneBegun(charger, chargePointId, late, early, 2);

            command(new ChargerCommand.CancelStart(UUID.randomUUID().toString(), chargePointId, 1, "s-" + early, early));
            String stop = charger.next();
            assertThat(stop).contains("\"RemoteStopTransaction\"").contains("\"transactionId\":" + transactionId);
            charger.send("[3,\"" + callId(stop) + "\",{\"status\":\"Accepted\"}]");

            command(new ChargerCommand.CancelStart(UUID.randomUUID().toString(), chargePointId, 1, "s-" + late, late));
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM ocpp_issued_id_tags "
                    + "WHERE id_tag = ? AND revoked_at IS NOT NULL", Integer.class, late) == 1);
            assertThat(charger.exchange("[2,\"l1\",\"StartTransaction\",{\"connectorId\":1,\"idTag\":\"" + late
                    + "\",\"meterStart\":0,\"timestamp\":\"2026-11-22T10:05:00Z\"}]")).contains("\"Invalid\"");
        }
    }

    /**
     * A session that only waited too long for its transaction's report: the charger did start it,
     * so the cancel keeps it (tag valid, no stop) and says so; a start that never happened is
     * revoked as before.
     */
    @Test
    void a_timed_out_start_the_charger_did_begin_is_kept_and_one_it_did_not_is_revoked() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String begun = idTag("K");
        String never = idTag("N");
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            int transactionId = twoStartsOneBegun(charger, chargePointId, never, begun, 1);

            command(new ChargerCommand.CancelStart(UUID.randomUUID().toString(), chargePointId, 1, "s-" + begun, begun,
                    true));
            command(new ChargerCommand.CancelStart(UUID.randomUUID().toString(), chargePointId, 1, "s-" + never, never,
                    true));
            List<JsonNode> results = events.await(chargePointId, "device.command-result", 4, PATIENCE);
            JsonNode kept = results.stream().filter(r -> ("s-" + begun).equals(r.path("sessionId").asString()))
                    .filter(r -> "CANCEL_START".equals(r.path("type").asString())).findFirst().orElseThrow();
            assertThat(kept.path("status").asString()).isEqualTo("ACCEPTED");
            assertThat(kept.path("result").path("kept").asBoolean()).isTrue();
            assertThat(kept.path("result").path("transactionId").asInt()).isEqualTo(transactionId);
            JsonNode revoked = results.stream().filter(r -> ("s-" + never).equals(r.path("sessionId").asString()))
                    .filter(r -> "CANCEL_START".equals(r.path("type").asString())).findFirst().orElseThrow();
            assertThat(revoked.path("result").path("revoked").asBoolean()).isTrue();

            // No RemoteStopTransaction was sent for the kept one: the next frame answers this heartbeat.
            assertThat(charger.exchange("[2,\"hb2\",\"Heartbeat\",{}]")).startsWith("[3,\"hb2\"");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ocpp_issued_id_tags WHERE id_tag = ? "
                    + "AND revoked_at IS NULL", Integer.class, begun)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ocpp_issued_id_tags WHERE id_tag = ? "
                    + "AND revoked_at IS NOT NULL", Integer.class, never)).isEqualTo(1);
        }
    }

    /** A fresh idTag of the 20 characters OCPP allows. */
    private static String idTag(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
    }

    /**
     * Two remote starts the charger accepts; it then begins a transaction on {@code connectorId}
     * with the second tag only.
     *
     * @return that transaction's id
     */
    private int twoStartsOneBegun(RawCharger charger, String chargePointId, String notBegun, String begun,
            int connectorId) {
        awaitHeld(charger);
        for (String tag : List.of(notBegun, begun)) {
            command(new ChargerCommand.RemoteStart(UUID.randomUUID().toString(), chargePointId, 1, "s-" + tag, tag));
            charger.send("[3,\"" + callId(charger.next()) + "\",{\"status\":\"Accepted\"}]");
        }
        String started = charger.exchange("[2,\"b1\",\"StartTransaction\",{\"connectorId\":" + connectorId
                + ",\"idTag\":\"" + begun + "\",\"meterStart\":0,\"timestamp\":\"2026-11-22T10:00:00Z\"}]");
        return Integer.parseInt(started.replaceAll(".*\"transactionId\":(\\d+).*", "$1"));
    }

    /**
     * The client's handshake may complete a moment before the server has bound the charger's
     * commands; an answered heartbeat shows the connection is fully set up.
     */
    private static void awaitHeld(RawCharger charger) {
        assertThat(charger.exchange("[2,\"hb\",\"Heartbeat\",{}]")).startsWith("[3,\"hb\"");
    }

    private static String callId(String call) {
        return call.substring(4, call.indexOf('"', 4));
    }

    private void command(ChargerCommand command) {
        transactions.executeWithoutResult(tx -> outbox.publish(commandMessage(command)));
    }

    private static OutgoingMessage commandMessage(ChargerCommand command) {
        return OutgoingMessage.to(DeviceEvents.COMMANDS).aggregate("command:" + command.commandId())
                .routingKey(DeviceEvents.commandRoutingKey(command.chargePointId()))
                .message(DeviceEvents.COMMAND, command);
    }

    private static Confirmation send(JSONClient client, Request request) throws Exception {
        return client.send(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int refusal(Runnable connect) {
        return RawCharger.refusal(connect).statusCode();
    }
}
