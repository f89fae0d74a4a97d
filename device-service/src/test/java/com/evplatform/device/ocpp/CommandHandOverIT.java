package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.DeviceApiTest;
import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.command.CommandStore;
import com.evplatform.messaging.InstanceRoutes;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.RawCharger;

import tools.jackson.databind.JsonNode;

/**
 * Commands are not lost when the instance holding a charger goes away: one left in a gone
 * instance's queue is answered by another instance, and at shutdown an instance lets go of its
 * routes first, finishes what was already routed to it, and only then closes the sockets.
 * The last test shuts this context's OCPP side down, so the context is not reused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.device.ocpp.call-timeout=5s", "platform.device.ocpp.admin-command-sweep=500ms"})
@PlatformInfrastructure(schema = "device")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommandHandOverIT extends DeviceApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AmqpAdmin amqpAdmin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    InstanceRoutes routes;
    @Autowired
    List<SmartLifecycle> lifecycles;
    @Autowired
    CommandStore commands;

    ApiClient api;
    OcppTestSupport.EventTap events;
    String stationId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        events = new OcppTestSupport.EventTap(amqpAdmin, rabbit);
        stationId = OcppTestSupport.station(api, TOKENS, OcppTestSupport.operator(jdbc));
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void a_command_left_in_the_queue_of_an_instance_that_went_away_is_answered_by_another() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        // The queue of an instance that crashed while holding the charger: still bound, nobody reads it.
        String goneInstance = "device.commands.gone-" + UUID.randomUUID();
        amqpAdmin.declareQueue(QueueBuilder.durable(goneInstance).expires(120_000).ttl(1_000)
                .deadLetterExchange("").deadLetterRoutingKey("device.commands.undelivered").build());
        amqpAdmin.declareBinding(new Binding(goneInstance, Binding.DestinationType.QUEUE, DeviceEvents.COMMANDS.name(),
                DeviceEvents.commandRoutingKey(chargePointId), null));
        try {
            String commandId = UUID.randomUUID().toString();
            command(new ChargerCommand.Reset(commandId, chargePointId, "Soft"));

            List<JsonNode> results = events.await(chargePointId, DeviceEvents.COMMAND_RESULT.name(), 1, PATIENCE);
            assertThat(results).as("an answer for the command nobody took").hasSize(1);
            assertThat(results.getFirst().path("commandId").asString()).isEqualTo(commandId);
            assertThat(results.getFirst().path("status").asString()).isEqualTo("FAILED");
            assertThat(results.getFirst().path("result").path("reason").asString()).isEqualTo("CHARGER_OFFLINE");
        } finally {
            amqpAdmin.deleteQueue(goneInstance);
        }
    }

    @Test
    void a_remote_start_whose_answer_is_lost_with_the_connection_is_unknown_not_offline() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String commandId = UUID.randomUUID().toString();
        var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD);
        assertThat(charger.exchange("[2,\"hb\",\"Heartbeat\",{}]")).startsWith("[3,\"hb\"");
        command(new ChargerCommand.RemoteStart(commandId, chargePointId, 1, "session-lost-answer", "TAG-LOST-1"));
        assertThat(charger.next()).contains("\"RemoteStartTransaction\"");

        // The charger may have started: its socket drops before its answer arrives.
        charger.close();

        List<JsonNode> results = events.await(chargePointId, DeviceEvents.COMMAND_RESULT.name(), 1, PATIENCE);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().path("status").asString()).as("the start timeout decides, and cancels")
                .isEqualTo("TIMED_OUT");
        assertThat(results.getFirst().path("result").path("reason").asString()).isEqualTo("CONNECTION_LOST");
    }

    @Test
    void an_operator_command_that_never_got_an_answer_times_out_instead_of_staying_sent() {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        String lost = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        // Sent six minutes ago by an instance that crashed with the call under way; the other just now.
        commands.insert(lost, chargePointId, "RESET", Map.of("type", "Soft"), "operator", Instant.now().minus(
                Duration.ofMinutes(6)));
        commands.insert(recent, chargePointId, "RESET", Map.of("type", "Soft"), "operator", Instant.now());

        await().atMost(PATIENCE).until(() -> "TIMED_OUT".equals(commands.find(lost).orElseThrow().status()));
        assertThat(commands.find(lost).orElseThrow().result().path("reason").asString()).startsWith("no answer within");
        assertThat(commands.find(recent).orElseThrow().status()).isEqualTo("SENT");
    }

    @Test
    void at_shutdown_routes_go_first_routed_commands_are_carried_out_and_then_sockets_close_with_1012()
            throws Exception {
        String chargePointId = OcppTestSupport.charger(api, TOKENS, stationId);
        try (var charger = RawCharger.connect(port, chargePointId, OcppTestSupport.PASSWORD)) {
            assertThat(charger.exchange("[2,\"hb\",\"Heartbeat\",{}]")).startsWith("[3,\"hb\"");
            String routedBefore = UUID.randomUUID().toString();
            command(new ChargerCommand.Reset(routedBefore, chargePointId, "Soft"));
            String call = charger.next();
            assertThat(call).contains("\"Reset\"");

            // Shutdown begins while the charger has not answered yet.
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(this::stopOcppSide);
            await().atMost(PATIENCE).until(() -> !routes.holds("device.commands",
                    DeviceEvents.commandRoutingKey(chargePointId)));
            String afterRelease = UUID.randomUUID().toString();
            String returned = command(new ChargerCommand.Reset(afterRelease, chargePointId, "Hard"));
            await().atMost(PATIENCE).until(() -> "RETURNED".equals(jdbc.queryForObject(
                    "SELECT status FROM messaging_outbox WHERE message_id = ?", String.class, returned)));
            assertThat(charger.isOpen()).as("the socket stays open for the call under way").isTrue();

            charger.send("[3,\"" + call.substring(4, call.indexOf('"', 4)) + "\",{\"status\":\"Accepted\"}]");
            assertThat(charger.closeCode()).isEqualTo(1012);
            shutdown.get();

            List<JsonNode> results = events.await(chargePointId, DeviceEvents.COMMAND_RESULT.name(), 2, PATIENCE);
            assertThat(results).extracting(result -> result.path("commandId").asString() + ":"
                    + result.path("status").asString())
                    .containsExactlyInAnyOrder(routedBefore + ":ACCEPTED", afterRelease + ":FAILED");
        }
    }

    private void stopOcppSide() {
        lifecycles.stream().filter(lifecycle -> lifecycle.getClass().getSimpleName().equals("OcppShutdown"))
                .findFirst().orElseThrow().stop();
    }

    /** Publishes a command as charging-service and the admin API do; returns its message id. */
    private String command(ChargerCommand command) {
        return transactions.execute(tx -> outbox.publish(OutgoingMessage.to(DeviceEvents.COMMANDS)
                .aggregate("command:" + command.commandId())
                .routingKey(DeviceEvents.commandRoutingKey(command.chargePointId()))
                .message(DeviceEvents.COMMAND, command))).messageId().toString();
    }
}
