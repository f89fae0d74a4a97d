package com.evplatform.charging.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.session.application.SessionWatchdog;
import com.evplatform.charging.session.infrastructure.LiveSnapshots;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.TestTokens;

import io.lettuce.core.RedisClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions against the real broker, database and Redis. device-service is played at its
 * edges: its two query endpoints by an HTTP stub, its events published to device.events as
 * it publishes them (through an outbox), its commands read from device.commands. order-service's
 * start check is an HTTP stub too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.charging.start-timeout=15s", "platform.charging.stop-timeout=3s",
        // The watchdog runs when a test calls it: its own schedule is hourly here.
        "platform.charging.stop-retries=2", "platform.charging.stale-after=10m",
        "platform.charging.watchdog-interval=1h",
        // Streams re-read the database only once an hour here: what they show in between was pushed.
        "platform.charging.stream-resync=1h",
        "platform.charging.device-timeout=1s", "platform.charging.order-timeout=1s"})
@PlatformInfrastructure(schema = "charging")
@Import(ChargingSessionsIT.DeviceServiceStandIn.class)
class ChargingSessionsIT {

    static final TestTokens TOKENS = new TestTokens();
    static final DeviceServiceStub DEVICE = new DeviceServiceStub();
    static final OrderServiceStub ORDER = new OrderServiceStub();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("platform.security.jwks-uri", TOKENS::jwksUri);
        registry.add("platform.charging.device-service-url", DEVICE::url);
        registry.add("platform.charging.order-service-url", ORDER::url);
    }

    /** Lets the test publish device.events exactly as device-service does: through an outbox. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DeviceServiceStandIn {
        @Bean
        ExchangeDefinition deviceEventsForTests() {
            return DeviceEvents.EXCHANGE;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AmqpAdmin amqpAdmin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    LiveSnapshots liveSnapshots;
    @Autowired
    SessionWatchdog watchdog;

    ApiClient api;
    String chargePointId;
    String connectorCode;
    String operatorCode;
    String driverId;
    String driver;
    final List<String> queues = new ArrayList<>();
    String commandQueue;
    String eventQueue;

    static boolean warm;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        connectorCode = chargePointId + "-1";
        operatorCode = UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        DEVICE.add(new DeviceServiceStub.Connector(connectorCode, chargePointId, 1, operatorCode));
        driverId = UUID.randomUUID().toString();
        driver = TOKENS.driver(driverId);
        commandQueue = tapQueue(new DirectExchange("device.commands"), "cp." + chargePointId);
        eventQueue = tapQueue(new TopicExchange("charging.events"), "#");
        if (!warm) {
            warmUp();
            warm = true;
        }
    }

    /**
     * The start timeout is short here, so the first test must not pay for a cold path: one
     * device event is carried from the outbox through the relay and the broker into the consumer's
     * inbox, and the HTTP side answers once, before any session is started.
     */
    private void warmUp() {
        Envelope sent = transactions.execute(tx -> outbox.publish(OutgoingMessage.to("device.events")
                .type("device.command-result").aggregate("cp:warm-up")
                .payload(Map.of("commandId", UUID.randomUUID().toString(), "chargePointId", "warm-up",
                        "type", "REMOTE_STOP", "status", "ACCEPTED", "result", Map.of()))));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM messaging_inbox WHERE consumer = 'charging.device-events' AND message_id = ?",
                Integer.class, sent.messageId().toString()) == 1);
        assertThat(api.get("/api/charging/sessions", driver).status()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() {
        queues.forEach(amqpAdmin::deleteQueue);
        DEVICE.slow(Duration.ZERO);
        DEVICE.failing(false);
        ORDER.slow(Duration.ZERO);
        ORDER.failing(false);
    }

    @Test
    void start_charge_watch_and_stop_publishes_exact_events() throws Exception {
        Response started = start(driver, null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.field("status")).isEqualTo("STARTING");
        String sessionId = started.field("sessionId");

        JsonNode remoteStart = nextCommand();
        assertThat(remoteStart.path("type").asString()).isEqualTo("REMOTE_START");
        assertThat(remoteStart.path("sessionId").asString()).isEqualTo(sessionId);
        String idTag = remoteStart.path("idTag").asString();
        assertThat(idTag).hasSize(20);

        var stream = Executors.newSingleThreadExecutor().submit(sse(sessionId));
        awaitWatched(sessionId);
        Instant startedAt = Instant.parse("2026-11-22T06:00:00Z"); // 14:00 in Asia/Shanghai: the 08:00 segment
        transactionStarted(sessionId, idTag, 4711, 100_000, startedAt);
        awaitStatus(sessionId, "CHARGING");
        assertThat(session(sessionId).path("startBalance").asString()).isEqualTo(OrderServiceStub.GENEROUS);
        JsonNode segment = session(sessionId).path("tariff").path("segments").get(1);
        assertThat(segment.path("electricityFee").isString()).as("money is a decimal string").isTrue();
        assertThat(segment.path("electricityFee").asString()).isEqualTo("1.20");
        deviceEvent("device.meter-values", Map.of("chargePointId", chargePointId, "connectorId", 1,
                "transactionId", 4711, "sessionId", sessionId, "samples", List.of(Map.of("timestamp",
                        startedAt.plusSeconds(600).toString(), "energyWh", 102_500, "powerW", 15_000, "soc", 40))));
        await().atMost(PATIENCE).until(() -> session(sessionId).path("energyWh").asLong() == 2_500);
        JsonNode charging = session(sessionId);
        assertThat(charging.path("powerW").asLong()).isEqualTo(15_000);
        assertThat(charging.path("soc").asInt()).isEqualTo(40);
        assertThat(new BigDecimal(charging.path("costSoFar").asString())).isEqualByComparingTo("4.50");

        Response stopping = api.post("/api/charging/sessions/" + sessionId + "/stop", driver, "");
        assertThat(stopping.status()).isEqualTo(202);
        assertThat(stopping.field("status")).isEqualTo("STOPPING");
        JsonNode remoteStop = nextCommand();
        assertThat(remoteStop.path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(remoteStop.path("transactionId").asInt()).isEqualTo(4711);

        deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, idTag, 4711, 104_000,
                startedAt.plusSeconds(1200), "Remote"));
        awaitStatus(sessionId, "COMPLETED");
        JsonNode completed = session(sessionId);
        assertThat(completed.path("energyWh").asLong()).isEqualTo(4_000);
        assertThat(completed.path("stopReason").asString()).isEqualTo("USER");
        assertThat(new BigDecimal(completed.path("costSoFar").asString())).isEqualByComparingTo("7.20");

        JsonNode event = nextEvent("charging.session-completed", sessionId);
        assertThat(event.path("meterStartWh").asLong()).isEqualTo(100_000);
        assertThat(event.path("meterStopWh").asLong()).isEqualTo(104_000);
        assertThat(event.path("segments")).hasSize(1);
        assertThat(event.path("segments").get(0).path("segmentStart").asString()).isEqualTo("08:00");
        assertThat(event.path("segments").get(0).path("energyWh").asLong()).isEqualTo(4_000);
        assertThat(new BigDecimal(event.path("total").path("amount").asString())).isEqualByComparingTo("7.20");
        assertThat(event.path("tariff").path("segments")).hasSize(3);

        List<String> snapshots = stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(snapshots).isNotEmpty();
        assertThat(snapshots.getLast()).contains("\"status\":\"COMPLETED\"");
        assertThat(snapshots.getFirst()).contains("\"status\":\"STARTING\"");
        // Pushed as they happened (the stream re-reads the database only hourly here):
        assertThat(snapshots).anySatisfy(json -> assertThat(json).contains("\"status\":\"CHARGING\"")
                .contains("\"energyWh\":2500"));
        assertThat(snapshots).anySatisfy(json -> assertThat(json).contains("\"status\":\"STOPPING\""));
    }

    @Test
    void a_user_holds_at_most_five_session_streams_and_an_ended_stream_frees_its_place() throws Exception {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<Stream<String>> stream = openStream(sessionId);
            assertThat(stream.statusCode()).isEqualTo(200);
            open.add(stream);
        }
        HttpResponse<Stream<String>> sixth = openStream(sessionId);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(String.join("", sixth.body().toList())).contains("\"code\":\"TOO_MANY_STREAMS\"");

        // The session ends: every stream sends its last snapshot and closes, and their places are free again.
        transactionStarted(sessionId, idTag, 41, 1_000, Instant.now());
        deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, idTag, 41, 1_500, Instant.now(),
                "Local"));
        for (HttpResponse<Stream<String>> stream : open) {
            assertThat(stream.body().filter(line -> line.startsWith("data:")).toList().getLast())
                    .contains("\"status\":\"COMPLETED\"");
        }
        await().atMost(PATIENCE).until(() -> openStream(sessionId).statusCode() == 200);
    }

    @Test
    void a_rejecting_charger_fails_the_session_and_frees_the_connector() {
        String sessionId = start(driver, null).field("sessionId");
        JsonNode command = nextCommand();
        deviceEvent("device.command-result", Map.of("commandId", command.path("commandId").asString(),
                "chargePointId", chargePointId, "type", "REMOTE_START", "sessionId", sessionId, "status", "REJECTED",
                "result", Map.of("response", Map.of("status", "Rejected"))));
        awaitStatus(sessionId, "FAILED");
        assertThat(session(sessionId).path("failureReason").asString()).isEqualTo("CHARGER_REJECTED");
        assertThat(nextEvent("charging.session-failed", sessionId).path("failureReason").asString())
                .isEqualTo("CHARGER_REJECTED");
        assertThat(start(driver, null).status()).isEqualTo(202);
    }

    @Test
    void a_start_for_a_charger_no_instance_holds_comes_back_and_fails_charger_offline() {
        amqpAdmin.removeBinding(new Binding(commandQueue, Binding.DestinationType.QUEUE, "device.commands",
                "cp." + chargePointId, null));
        String sessionId = start(driver, null).field("sessionId");
        awaitStatus(sessionId, "FAILED");
        assertThat(session(sessionId).path("failureReason").asString()).isEqualTo("CHARGER_OFFLINE");
    }

    @Test
    void no_transaction_in_time_fails_with_start_timeout_and_a_late_start_is_stopped_with_retries_and_recorded() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        await().atMost(PATIENCE.multipliedBy(2)).until(() -> "FAILED".equals(session(sessionId).path("status").asString()));
        assertThat(session(sessionId).path("failureReason").asString()).isEqualTo("START_TIMEOUT");
        // First the charger's side is asked, keeping a transaction it began; with no answer, the last
        // check fails the session and cancels outright.
        JsonNode ask = nextCommand();
        assertThat(ask.path("type").asString()).isEqualTo("CANCEL_START");
        assertThat(ask.path("idTag").asString()).isEqualTo(idTag);
        assertThat(ask.path("keepIfStarted").asBoolean()).isTrue();
        JsonNode cancel = nextCommand();
        assertThat(cancel.path("type").asString()).isEqualTo("CANCEL_START");
        assertThat(cancel.path("idTag").asString()).isEqualTo(idTag);
        assertThat(cancel.path("keepIfStarted").asBoolean()).isFalse();

        transactionStarted(sessionId, idTag, 99, 5_000, Instant.now());
        JsonNode stop = nextCommand();
        assertThat(stop.path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(stop.path("transactionId").asInt()).isEqualTo(99);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM late_transactions WHERE session_id = ?", Integer.class,
                sessionId)).isEqualTo(1);
        // The charger does not end it within the stop timeout: the stop is sent again.
        JsonNode again = nextCommand();
        assertThat(again.path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(again.path("transactionId").asInt()).isEqualTo(99);

        // The charger stops it: the record gets what it delivered, the failed session stays as it was.
        deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, idTag, 99, 5_750,
                Instant.now().plusSeconds(1), "Remote"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT meter_stop_wh FROM late_transactions WHERE session_id = ?", Long.class, sessionId) != null);
        assertThat(jdbc.queryForMap("SELECT meter_start_wh, meter_stop_wh, stop_reason FROM late_transactions "
                + "WHERE session_id = ?", sessionId)).containsEntry("meter_start_wh", 5_000L)
                .containsEntry("meter_stop_wh", 5_750L).containsEntry("stop_reason", "Remote");
        assertThat(session(sessionId).path("status").asString()).isEqualTo("FAILED");
        assertThat(eventsSettled("charging.session-completed", sessionId)).isEmpty();
    }

    /**
     * The device events lag past the start timeout although the charger began the transaction: the
     * session is not failed, the transaction not stopped; its late report makes the session CHARGING.
     */
    @Test
    void a_start_whose_report_is_late_is_kept_when_the_charger_began_it() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        JsonNode ask = nextCommand();
        assertThat(ask.path("type").asString()).isEqualTo("CANCEL_START");
        assertThat(ask.path("keepIfStarted").asBoolean()).isTrue();
        assertThat(session(sessionId).path("status").asString()).isEqualTo("STARTING");

        deviceEvent("device.command-result", Map.of("commandId", ask.path("commandId").asString(),
                "chargePointId", chargePointId, "type", "CANCEL_START", "sessionId", sessionId, "status", "ACCEPTED",
                "result", Map.of("kept", true, "transactionId", 77)));
        transactionStarted(sessionId, idTag, 77, 2_000, Instant.now());

        awaitStatus(sessionId, "CHARGING");
        assertThat(eventsSettled("charging.session-failed", sessionId)).isEmpty();
    }

    @Test
    void a_start_timeout_answered_with_nothing_begun_fails_the_session_at_once() {
        String sessionId = start(driver, null).field("sessionId");
        nextCommand();
        JsonNode ask = nextCommand();
        assertThat(ask.path("type").asString()).isEqualTo("CANCEL_START");

        deviceEvent("device.command-result", Map.of("commandId", ask.path("commandId").asString(),
                "chargePointId", chargePointId, "type", "CANCEL_START", "sessionId", sessionId, "status", "ACCEPTED",
                "result", Map.of("revoked", true)));
        awaitStatus(sessionId, "FAILED");
        assertThat(session(sessionId).path("failureReason").asString()).isEqualTo("START_TIMEOUT");
        assertThat(nextEvent("charging.session-failed", sessionId).path("failureReason").asString())
                .isEqualTo("START_TIMEOUT");
    }

    @Test
    void an_unplug_completes_the_session_with_reason_charger_and_late_or_repeated_events_change_nothing() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        Instant at = Instant.parse("2026-11-22T15:00:00Z"); // 23:00 local: the 22:00 segment
        transactionStarted(sessionId, idTag, 12, 1_000, at);
        meter(sessionId, 12, at.plusSeconds(300), 2_000);
        meter(sessionId, 12, at.plusSeconds(200), 1_500); // arrives late: older than what we have
        await().atMost(PATIENCE).until(() -> session(sessionId).path("energyWh").asLong() == 1_000);

        Map<String, Object> stop = stoppedPayload(sessionId, idTag, 12, 3_000, at.plusSeconds(600),
                "EVDisconnected");
        deviceEvent("device.transaction-stopped", stop);
        awaitStatus(sessionId, "COMPLETED");
        deviceEvent("device.transaction-stopped", stop); // resent by the charger: a new message, same content
        meter(sessionId, 12, at.plusSeconds(900), 9_000); // after the stop
        transactionStarted(sessionId, idTag, 12, 1_000, at);

        JsonNode completed = nextEvent("charging.session-completed", sessionId);
        assertThat(completed.path("stopReason").asString()).isEqualTo("CHARGER");
        assertThat(completed.path("energyWh").asLong()).isEqualTo(2_000);
        assertThat(new BigDecimal(completed.path("total").path("amount").asString())).isEqualByComparingTo("2.00");
        assertThat(eventsSettled("charging.session-completed", sessionId)).isEmpty();
        JsonNode after = session(sessionId);
        assertThat(after.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(after.path("energyWh").asLong()).isEqualTo(2_000);
    }

    @Test
    void meter_values_and_a_stop_that_overtake_their_start_still_count() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        Instant at = Instant.parse("2026-11-22T15:00:00Z");
        // As after a retried transaction-started: what follows it arrives first. The readings are kept,
        // the stop waits for the start (retried), and the completed session counts both.
        meter(sessionId, 21, at.plusSeconds(300), 1_400);
        deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, idTag, 21, 1_800, at.plusSeconds(600),
                "Local"));
        transactionStarted(sessionId, idTag, 21, 1_000, at);

        awaitStatus(sessionId, "COMPLETED");
        JsonNode completed = nextEvent("charging.session-completed", sessionId);
        assertThat(completed.path("energyWh").asLong()).isEqualTo(800);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM meter_samples WHERE session_id = ? AND energy_wh = 1400",
                Integer.class, sessionId)).isEqualTo(1);
    }

    @Test
    void readings_that_overtake_their_start_show_as_soon_as_the_start_arrives() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        Instant at = Instant.parse("2026-11-22T15:00:00Z");
        // The transaction-started is being retried; two readings arrive before it, the later one first.
        meter(sessionId, 22, at.plusSeconds(300), 2_000);
        meter(sessionId, 22, at.plusSeconds(200), 1_500);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM meter_samples WHERE session_id = ?", Integer.class, sessionId) == 2);
        transactionStarted(sessionId, idTag, 22, 1_000, at);

        awaitStatus(sessionId, "CHARGING");
        JsonNode charging = session(sessionId);
        assertThat(charging.path("energyWh").asLong()).isEqualTo(1_000);
        assertThat(new BigDecimal(charging.path("costSoFar").asString())).isEqualByComparingTo("1.00");
        // An older reading that comes after changes nothing.
        meter(sessionId, 22, at.plusSeconds(100), 1_200);
        assertThat(eventsSettled("charging.session-completed", sessionId)).isEmpty();
        assertThat(session(sessionId).path("energyWh").asLong()).isEqualTo(1_000);
    }

    @Test
    void an_older_snapshot_never_hides_a_newer_state() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        transactionStarted(sessionId, idTag, 31, 1_000, Instant.now());
        awaitStatus(sessionId, "CHARGING");
        String key = "charging:session:" + sessionId;
        String stale = "{\"sessionId\":\"" + sessionId + "\",\"status\":\"STARTING\"}";

        // The STARTING snapshot's after-commit write arrives after the CHARGING one: it is refused.
        liveSnapshots.put(sessionId, 0, stale);
        assertThat(redis.opsForValue().get(key)).doesNotStartWith("0:").contains("\"status\":\"CHARGING\"");
        // The CHARGING write was lost (Redis away for it): the row answers, not the older snapshot.
        redis.opsForValue().set(key, "0:" + stale);
        assertThat(session(sessionId).path("status").asString()).isEqualTo("CHARGING");
    }

    @Test
    void the_same_idempotency_key_twice_is_one_session_and_one_command() {
        String key = UUID.randomUUID().toString();
        Response first = start(driver, key);
        Response second = start(driver, key);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.field("sessionId")).isEqualTo(first.field("sessionId"));
        nextCommand();
        assertThat(rabbit.receive(commandQueue, 1500)).isNull();
    }

    @Test
    void the_same_idempotency_key_sent_twice_at_once_is_one_session() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Response> answers = atOnce(() -> start(driver, key), () -> start(driver, key));
        Response first = answers.get(0);
        Response second = answers.get(1);
        assertThat(List.of(first.status(), second.status())).containsExactly(202, 202);
        assertThat(second.field("sessionId")).isEqualTo(first.field("sessionId"));
        nextCommand();
        assertThat(rabbit.receive(commandQueue, 1500)).isNull();
    }

    @Test
    void two_drivers_racing_for_one_connector_get_exactly_one_session() throws Exception {
        String rival = TOKENS.driver(UUID.randomUUID().toString());
        List<Response> answers = atOnce(() -> start(driver, null), () -> start(rival, null));
        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(202, 409);
        Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(refused.field("code")).isEqualTo("CONNECTOR_UNAVAILABLE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM charging_sessions WHERE connector_code = ?",
                Integer.class, connectorCode)).isEqualTo(1);

        Response again = start(driver, null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void a_driver_sees_only_their_own_sessions_and_an_operator_only_its_stations() {
        String sessionId = start(driver, null).field("sessionId");
        String stranger = TOKENS.driver(UUID.randomUUID().toString());
        assertThat(api.get("/api/charging/sessions/" + sessionId, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/charging/sessions/" + sessionId + "/events", stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/charging/sessions/" + sessionId + "/stop", stranger, "").status()).isEqualTo(404);
        assertThat(api.get("/api/charging/sessions/" + sessionId, driver).status()).isEqualTo(200);
        assertThat(api.get("/api/charging/sessions", driver).json().path("items")).hasSize(1);
        assertThat(api.get("/api/charging/sessions", stranger).json().path("items")).isEmpty();

        String own = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        String other = TOKENS.operator(UUID.randomUUID().toString(), "OTHER0000");
        assertThat(ids(api.get("/api/admin/sessions?chargePointId=" + chargePointId, own))).containsExactly(sessionId);
        assertThat(ids(api.get("/api/admin/sessions?chargePointId=" + chargePointId, other))).isEmpty();
        assertThat(api.post("/api/admin/sessions/" + sessionId + "/stop", other, "").status()).isEqualTo(404);
        assertThat(api.get("/api/admin/sessions", driver).status()).isEqualTo(403);
        assertThat(api.get("/api/charging/sessions?status=SLEEPING", driver).status()).isEqualTo(400);
    }

    @Test
    void device_service_refusals_and_outages_are_clear_problems() {
        DEVICE.unavailable(connectorCode, "FAULTED");
        Response faulted = start(driver, null);
        assertThat(faulted.status()).isEqualTo(409);
        assertThat(faulted.field("code")).isEqualTo("CONNECTOR_UNAVAILABLE");
        assertThat(faulted.field("reason")).isEqualTo("FAULTED");

        Response unknown = api.post("/api/charging/sessions", driver, Map.of("connectorCode", "NOPE-1"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field("code")).isEqualTo("CONNECTOR_NOT_FOUND");

        String otherCode = chargePointId + "-2";
        DEVICE.add(new DeviceServiceStub.Connector(otherCode, chargePointId, 2, operatorCode));
        DEVICE.slow(Duration.ofSeconds(2));
        Response slow = api.post("/api/charging/sessions", driver, Map.of("connectorCode", otherCode));
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.field("code")).isEqualTo("DEVICE_SERVICE_UNAVAILABLE");
        assertThat(api.post("/api/charging/sessions", driver, Map.of("connectorCode", "")).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM charging_sessions WHERE user_id = ?", Integer.class,
                driverId)).isZero();
    }

    @Test
    void a_wallet_order_service_refuses_is_402_with_its_code_and_nothing_is_saved_or_sent() {
        ORDER.refuse(driverId, "INSUFFICIENT_BALANCE", Map.of("balance", "3.00", "minimum", "5.00"));
        Response poor = start(driver, null);
        assertThat(poor.status()).as(poor.text()).isEqualTo(402);
        assertThat(poor.contentType()).startsWith("application/problem+json");
        assertThat(poor.field("code")).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(poor.field("balance")).isEqualTo("3.00");
        assertThat(poor.field("minimum")).isEqualTo("5.00");

        ORDER.refuse(driverId, "UNPAID_ORDER", Map.of("unpaidAmount", "12.30"));
        Response owing = start(driver, UUID.randomUUID().toString());
        assertThat(owing.status()).as(owing.text()).isEqualTo(402);
        assertThat(owing.field("code")).isEqualTo("UNPAID_ORDER");
        assertThat(owing.field("unpaidAmount")).isEqualTo("12.30");

        assertNothingStarted();
    }

    @Test
    void an_order_service_that_fails_or_is_too_slow_is_503_and_nothing_is_saved_or_sent() {
        ORDER.failing(true);
        Response failing = start(driver, null);
        assertThat(failing.status()).as(failing.text()).isEqualTo(503);
        assertThat(failing.field("code")).isEqualTo("ORDER_SERVICE_UNAVAILABLE");

        ORDER.failing(false);
        ORDER.slow(Duration.ofSeconds(2));
        Response slow = start(driver, null);
        assertThat(slow.status()).as(slow.text()).isEqualTo(503);
        assertThat(slow.field("code")).isEqualTo("ORDER_SERVICE_UNAVAILABLE");

        assertNothingStarted();
    }

    @Test
    void a_retry_of_a_started_request_answers_its_session_without_asking_order_service() {
        String key = UUID.randomUUID().toString();
        Response first = start(driver, key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(ORDER.checks(driverId)).isEqualTo(1);

        ORDER.failing(true);
        Response retry = start(driver, key);
        assertThat(retry.status()).as(retry.text()).isEqualTo(202);
        assertThat(retry.field("sessionId")).isEqualTo(first.field("sessionId"));
        assertThat(ORDER.checks(driverId)).isEqualTo(1);
    }

    @Test
    void a_session_whose_cost_reaches_its_start_balance_is_stopped_with_stop_reason_balance() {
        ORDER.allow(driverId, "5.40");
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        Instant startedAt = Instant.parse("2026-11-22T06:00:00Z"); // 14:00 in Asia/Shanghai: 1.80 per kWh
        transactionStarted(sessionId, idTag, 4811, 10_000, startedAt);
        awaitStatus(sessionId, "CHARGING");
        assertThat(session(sessionId).path("startBalance").asString()).isEqualTo("5.40");

        meter(sessionId, 4811, startedAt.plusSeconds(300), 12_000); // 3.60 so far: below the balance
        await().atMost(PATIENCE).until(() -> session(sessionId).path("energyWh").asLong() == 2_000);
        assertThat(session(sessionId).path("status").asString()).isEqualTo("CHARGING");
        assertThat(rabbit.receive(commandQueue, 1500)).isNull();

        meter(sessionId, 4811, startedAt.plusSeconds(600), 13_000); // 5.40 so far: the balance is reached
        JsonNode remoteStop = nextCommand();
        assertThat(remoteStop.path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(remoteStop.path("transactionId").asInt()).isEqualTo(4811);
        awaitStatus(sessionId, "STOPPING");

        deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, idTag, 4811, 13_050,
                startedAt.plusSeconds(630), "Remote"));
        awaitStatus(sessionId, "COMPLETED");
        assertThat(session(sessionId).path("stopReason").asString()).isEqualTo("BALANCE");
        assertThat(nextEvent("charging.session-completed", sessionId).path("stopReason").asString()).isEqualTo("BALANCE");
    }

    @Test
    void a_stop_the_charger_does_not_carry_out_is_flagged_and_sent_again() {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        transactionStarted(sessionId, idTag, 77, 0, Instant.now());
        awaitStatus(sessionId, "CHARGING");
        String operator = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        assertThat(api.post("/api/admin/sessions/" + sessionId + "/stop", operator, "").status()).isEqualTo(202);
        assertThat(nextCommand().path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(nextCommand().path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(session(sessionId).path("stopOverdue").asBoolean()).isTrue();
        assertThat(ids(api.get("/api/admin/sessions?status=STOPPING&chargePointId=" + chargePointId, operator)))
                .containsExactly(sessionId);
    }

    @Test
    void an_admin_force_completes_a_session_on_its_last_reading_billed_once_and_a_late_stop_changes_nothing() {
        Instant startedAt = Instant.parse("2026-11-22T06:00:00Z"); // 14:00 in Asia/Shanghai: 1.80 per kWh
        String sessionId = chargingWithReading(4911, startedAt, 102_500);
        String admin = TOKENS.admin();

        Response forced = api.post("/api/admin/sessions/" + sessionId + "/force-complete", admin,
                Map.of("reason", "charger lost its StopTransaction"));

        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        assertThat(forced.field("status")).isEqualTo("COMPLETED");
        assertThat(forced.field("stopReason")).isEqualTo("FORCED");
        assertThat(forced.json().path("energyWh").asLong()).isEqualTo(2_500);
        assertThat(new BigDecimal(forced.field("costSoFar"))).isEqualByComparingTo("4.50");
        JsonNode completed = nextEvent("charging.session-completed", sessionId);
        assertThat(completed.path("stopReason").asString()).isEqualTo("FORCED");
        assertThat(completed.path("meterStartWh").asLong()).isEqualTo(100_000);
        assertThat(completed.path("meterStopWh").asLong()).isEqualTo(102_500);
        assertThat(completed.path("energyWh").asLong()).isEqualTo(2_500);
        assertThat(new BigDecimal(completed.path("total").path("amount").asString())).isEqualByComparingTo("4.50");
        JsonNode lastStop = nextCommand();
        assertThat(lastStop.path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(lastStop.path("transactionId").asInt()).isEqualTo(4911);
        assertThat(jdbc.queryForMap("SELECT stop_reason, ended_by_role, cause, status_before, last_known_wh, "
                + "meter_stop_wh, reading_given FROM session_endings WHERE session_id = ?", sessionId))
                .containsEntry("stop_reason", "FORCED").containsEntry("ended_by_role", "ADMIN")
                .containsEntry("cause", "charger lost its StopTransaction").containsEntry("status_before", "CHARGING")
                .containsEntry("last_known_wh", 102_500L).containsEntry("meter_stop_wh", 102_500L)
                .containsEntry("reading_given", false);
        assertThat(start(driver, null).status()).as("the driver's slot is free").isEqualTo(202);

        // The charger's real stop arrives after all: billed once already, nothing changes.
        awaitConsumed(deviceEvent("device.transaction-stopped", stoppedPayload(sessionId, "S-late", 4911, 104_000,
                startedAt.plusSeconds(1200), "Remote")));
        JsonNode after = session(sessionId);
        assertThat(after.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(after.path("stopReason").asString()).isEqualTo("FORCED");
        assertThat(after.path("energyWh").asLong()).isEqualTo(2_500);
        assertThat(eventsSettled("charging.session-completed", sessionId)).isEmpty();
        Response again = api.post("/api/admin/sessions/" + sessionId + "/force-complete", admin,
                Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("code")).isEqualTo("SESSION_NOT_ACTIVE");
    }

    @Test
    void force_complete_is_for_the_stations_operator_or_an_admin_on_an_active_session_and_a_sane_reading() {
        String sessionId = chargingWithReading(4912, Instant.parse("2026-11-22T06:00:00Z"), 102_500);
        String path = "/api/admin/sessions/" + sessionId + "/force-complete";
        Map<String, Object> body = Map.of("reason", "stuck");

        assertThat(api.post(path, driver, body).status()).isEqualTo(403);
        assertThat(api.post(path, TOKENS.operator(UUID.randomUUID().toString(), "OTHEROP01"), body).status())
                .isEqualTo(404);
        assertThat(api.post(path, TOKENS.operator(UUID.randomUUID().toString(), null), body).status())
                .isEqualTo(404);
        String operator = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        Response belowLast = api.post(path, operator, Map.of("reason", "stuck", "meterStopWh", 102_499));
        assertThat(belowLast.status()).isEqualTo(400);
        assertThat(belowLast.field("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(path, operator, Map.of("reason", "stuck", "meterStopWh", 99_999)).status())
                .as("below the meter start").isEqualTo(400);
        assertThat(api.post(path, operator, Map.of("reason", " ")).status()).isEqualTo(400);
        assertThat(session(sessionId).path("status").asString()).isEqualTo("CHARGING");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM session_endings WHERE session_id = ?", Integer.class,
                sessionId)).isZero();

        Response forced = api.post(path, operator, Map.of("reason", "meter photo", "meterStopWh", 103_000));
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        assertThat(forced.json().path("energyWh").asLong()).isEqualTo(3_000);
        assertThat(nextEvent("charging.session-completed", sessionId).path("meterStopWh").asLong())
                .isEqualTo(103_000);
        assertThat(jdbc.queryForMap("SELECT ended_by_role, meter_stop_wh, reading_given FROM session_endings "
                + "WHERE session_id = ?", sessionId)).containsEntry("ended_by_role", "OPERATOR")
                .containsEntry("meter_stop_wh", 103_000L).containsEntry("reading_given", true);

        String starting = start(driver, null).field("sessionId");
        Response notActive = api.post("/api/admin/sessions/" + starting + "/force-complete", operator, body);
        assertThat(notActive.status()).isEqualTo(409);
        assertThat(notActive.field("code")).isEqualTo("SESSION_NOT_ACTIVE");
    }

    @Test
    void the_watchdog_ends_a_charging_session_whose_charger_went_silent_on_its_last_reading() {
        String sessionId = chargingWithReading(4913, Instant.parse("2026-11-22T06:00:00Z"), 102_500);
        watchdog.sweep();
        assertThat(session(sessionId).path("status").asString()).as("heard from just now").isEqualTo("CHARGING");
        // As if it were from before the watchdog, requested an hour ago: watched from now on, not judged on that.
        jdbc.update("UPDATE charging_sessions SET last_reading_at = NULL, "
                + "requested_at = requested_at - INTERVAL 1 HOUR WHERE id = ?", sessionId);
        watchdog.sweep();
        assertThat(session(sessionId).path("status").asString()).isEqualTo("CHARGING");
        assertThat(jdbc.queryForObject("SELECT last_reading_at IS NOT NULL FROM charging_sessions WHERE id = ?",
                Boolean.class, sessionId)).isTrue();

        // As if its last reading were an hour old (stale after 10 minutes here).
        jdbc.update("UPDATE charging_sessions SET last_reading_at = COALESCE(last_reading_at, requested_at) "
                + "- INTERVAL 1 HOUR WHERE id = ?", sessionId);
        watchdog.sweep();

        awaitStatus(sessionId, "COMPLETED");
        assertThat(session(sessionId).path("stopReason").asString()).isEqualTo("WATCHDOG");
        JsonNode completed = nextEvent("charging.session-completed", sessionId);
        assertThat(completed.path("stopReason").asString()).isEqualTo("WATCHDOG");
        assertThat(completed.path("energyWh").asLong()).isEqualTo(2_500);
        assertThat(nextCommand().path("type").asString()).isEqualTo("REMOTE_STOP");
        assertThat(jdbc.queryForMap("SELECT ended_by_role, meter_stop_wh FROM session_endings WHERE session_id = ?",
                sessionId)).containsEntry("ended_by_role", "WATCHDOG").containsEntry("meter_stop_wh", 102_500L);
        watchdog.sweep();
        assertThat(eventsSettled("charging.session-completed", sessionId)).as("ended once").isEmpty();
        assertThat(start(driver, null).status()).as("the connector's and driver's slots are free").isEqualTo(202);
    }

    @Test
    void a_stop_the_charger_ignores_is_sent_again_at_most_the_retries_then_the_watchdog_ends_it() {
        String sessionId = chargingWithReading(4914, Instant.parse("2026-11-22T06:00:00Z"), 102_500);
        String operator = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        assertThat(api.post("/api/admin/sessions/" + sessionId + "/stop", operator, "").status()).isEqualTo(202);

        await().atMost(PATIENCE.multipliedBy(2)).until(() -> "COMPLETED".equals(session(sessionId).path("status")
                .asString()));

        assertThat(session(sessionId).path("stopReason").asString()).isEqualTo("WATCHDOG");
        assertThat(nextEvent("charging.session-completed", sessionId).path("energyWh").asLong()).isEqualTo(2_500);
        // The first stop, the two retries (stop-retries=2 here) and the watchdog's last attempt.
        assertThat(commandsSettled()).hasSize(4)
                .allSatisfy(command -> assertThat(command.path("type").asString()).isEqualTo("REMOTE_STOP"));
        assertThat(jdbc.queryForObject("SELECT stop_retries FROM charging_sessions WHERE id = ?", Integer.class,
                sessionId)).isEqualTo(2);
        assertThat(jdbc.queryForMap("SELECT ended_by_role, status_before FROM session_endings WHERE session_id = ?",
                sessionId)).containsEntry("ended_by_role", "WATCHDOG").containsEntry("status_before", "STOPPING");
    }

    /** A session CHARGING from {@code meterStart} 100000 Wh, its register at {@code reading}. */
    private String chargingWithReading(int transactionId, Instant startedAt, long reading) {
        String sessionId = start(driver, null).field("sessionId");
        String idTag = nextCommand().path("idTag").asString();
        transactionStarted(sessionId, idTag, transactionId, 100_000, startedAt);
        meter(sessionId, transactionId, startedAt.plusSeconds(600), reading);
        await().atMost(PATIENCE).until(() -> session(sessionId).path("energyWh").asLong() == reading - 100_000);
        return sessionId;
    }

    /** No session listed or stored for the driver, and no command went to the charger. */
    private void assertNothingStarted() {
        assertThat(api.get("/api/charging/sessions", driver).json().path("items")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM charging_sessions WHERE user_id = ?", Integer.class,
                driverId)).isZero();
        assertThat(rabbit.receive(commandQueue, 1500)).isNull();
    }

    private Response start(String token, String idempotencyKey) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/charging/sessions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"connectorCode\":\"" + connectorCode + "\"}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Callable<List<String>> sse(String sessionId) {
        return () -> {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/charging/sessions/"
                    + sessionId + "/events")).header("Authorization", "Bearer " + driver)
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofLines());
            return response.body().filter(line -> line.startsWith("data:")).map(line -> line.substring(5)).toList();
        };
    }

    private HttpResponse<Stream<String>> openStream(String sessionId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/charging/sessions/"
                + sessionId + "/events")).header("Authorization", "Bearer " + driver)
                .header("Accept", "text/event-stream").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    }

    /** Until this instance listens on the session's update channel (a stream of it is open). */
    private void awaitWatched(String sessionId) {
        String channel = "charging:session-updates:" + sessionId;
        var client = (RedisClient) ((LettuceConnectionFactory) redis.getConnectionFactory()).getNativeClient();
        try (var connection = client.connect()) {
            await().atMost(PATIENCE).until(() -> connection.sync().pubsubNumsub(channel).get(channel) == 1L);
        }
    }

    private Envelope deviceEvent(String type, Map<String, Object> payload) {
        return transactions.execute(tx -> outbox.publish(OutgoingMessage.to("device.events").type(type)
                .aggregate("cp:" + chargePointId).payload(payload)));
    }

    /** Until charging-service has consumed (and committed the effect of) a device event. */
    private void awaitConsumed(Envelope sent) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM messaging_inbox WHERE consumer = 'charging.device-events' AND message_id = ?",
                Integer.class, sent.messageId().toString()) == 1);
    }

    /** Two requests sent at the same moment, their answers in order. */
    private static List<Response> atOnce(Callable<Response> one, Callable<Response> other) throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Response> answers = new ArrayList<>();
            for (var answer : pool.invokeAll(List.of(one, other))) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private void transactionStarted(String sessionId, String idTag, int transactionId, long meterStartWh,
            Instant at) {
        deviceEvent("device.transaction-started", Map.of("chargePointId", chargePointId, "connectorId", 1,
                "transactionId", transactionId, "idTag", idTag, "idTagStatus", "Accepted", "sessionId", sessionId,
                "meterStartWh", meterStartWh, "timestamp", at.toString()));
    }

    private void meter(String sessionId, int transactionId, Instant at, long energyWh) {
        deviceEvent("device.meter-values", Map.of("chargePointId", chargePointId, "connectorId", 1,
                "transactionId", transactionId, "sessionId", sessionId, "samples", List.of(Map.of("timestamp",
                        at.toString(), "energyWh", energyWh))));
    }

    private Map<String, Object> stoppedPayload(String sessionId, String idTag, int transactionId, long meterStop,
            Instant at, String reason) {
        return Map.ofEntries(Map.entry("chargePointId", chargePointId), Map.entry("connectorId", 1),
                Map.entry("transactionId", transactionId), Map.entry("idTag", idTag),
                Map.entry("sessionId", sessionId), Map.entry("meterStartWh", 0), Map.entry("meterStopWh", meterStop),
                Map.entry("startedAt", at.toString()), Map.entry("timestamp", at.toString()),
                Map.entry("reason", reason), Map.entry("samples", List.of()));
    }

    private JsonNode session(String sessionId) {
        Response response = api.get("/api/charging/sessions/" + sessionId, driver);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private void awaitStatus(String sessionId, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(session(sessionId).path("status").asString()));
    }

    private String tapQueue(org.springframework.amqp.core.Exchange exchange, String routingKey) {
        String queue = "test.charging." + UUID.randomUUID();
        amqpAdmin.declareQueue(new Queue(queue, false, false, false));
        amqpAdmin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(exchange).with(routingKey).noargs());
        queues.add(queue);
        return queue;
    }

    private JsonNode nextCommand() {
        Message message = rabbit.receive(commandQueue, PATIENCE.toMillis());
        assertThat(message).as("a command to the charger").isNotNull();
        return JSON.readTree(message.getBody()).path("payload");
    }

    /** The next event of this type about this session (other sessions' events are skipped). */
    private JsonNode nextEvent(String type, String sessionId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode payload = eventOf(rabbit.receive(eventQueue, 500), type, sessionId);
            if (payload != null) {
                return payload;
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    private static JsonNode eventOf(Message message, String type, String sessionId) {
        if (message == null) {
            return null;
        }
        JsonNode envelope = JSON.readTree(message.getBody());
        boolean ours = type.equals(envelope.path("type").asString())
                && sessionId.equals(envelope.path("payload").path("sessionId").asString());
        return ours ? envelope.path("payload") : null;
    }

    /**
     * The events of this type about this session published until none has come for 2 s. Other
     * types and sessions do not count as activity: sessions other tests left STOPPING are asked
     * again every few seconds on the same exchange (and ended by the watchdog), so the queue
     * itself may never fall silent.
     */
    private List<JsonNode> eventsSettled(String type, String sessionId) {
        List<JsonNode> found = new ArrayList<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
            JsonNode payload = eventOf(rabbit.receive(eventQueue, 500), type, sessionId);
            if (payload != null) {
                found.add(payload);
                quietSince = System.nanoTime();
            }
        }
        return found;
    }

    /** The commands sent to this test's charger until none has come for 2 s. */
    private List<JsonNode> commandsSettled() {
        List<JsonNode> found = new ArrayList<>();
        for (Message message = rabbit.receive(commandQueue, 2000); message != null;
                message = rabbit.receive(commandQueue, 2000)) {
            found.add(JSON.readTree(message.getBody()).path("payload"));
        }
        return found;
    }

    private static List<String> ids(Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().path("items").valueStream().map(item -> item.path("sessionId").asString()).toList();
    }
}
