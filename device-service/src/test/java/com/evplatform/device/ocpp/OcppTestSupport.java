package com.evplatform.device.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.TestTokens;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registers chargers through the admin API and watches what device-service publishes. */
final class OcppTestSupport {

    static final String PASSWORD = "charger-key-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OcppTestSupport() {
    }

    /** A station of a fresh operator, through the admin API. */
    static String station(ApiClient api, TestTokens tokens, JdbcTemplate jdbc) {
        return station(api, tokens, operator(jdbc));
    }

    /** A fresh operator, as auth-service would have announced it; its code. */
    static String operator(JdbcTemplate jdbc) {
        String operatorCode = UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        jdbc.update("INSERT INTO operators (code, name) VALUES (?, ?)", operatorCode, "Operator " + operatorCode);
        return operatorCode;
    }

    /** A station of this operator, through the admin API. */
    static String station(ApiClient api, TestTokens tokens, String operatorCode) {
        var created = api.post("/api/admin/stations", tokens.admin(), Map.of("name", "Depot", "address", "1 Road",
                "latitude", 30, "longitude", 120, "operatorCode", operatorCode));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.field("stationId");
    }

    static String charger(ApiClient api, TestTokens tokens, String stationId) {
        String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = api.post("/api/admin/chargers", tokens.admin(), Map.of("chargePointId", chargePointId,
                "stationId", stationId, "connectors", 2, "password", PASSWORD));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return chargePointId;
    }

    /** A private queue taking every device event, to assert what was published. */
    static final class EventTap implements AutoCloseable {
        private final AmqpAdmin admin;
        private final RabbitTemplate rabbit;
        private final String queue = "test.device-events." + UUID.randomUUID();
        private final List<JsonNode> seen = new ArrayList<>();

        EventTap(AmqpAdmin admin, RabbitTemplate rabbit) {
            this.admin = admin;
            this.rabbit = rabbit;
            admin.declareQueue(new Queue(queue, false, false, false));
            admin.declareBinding(BindingBuilder.bind(new Queue(queue)).to(new TopicExchange("device.events"))
                    .with("#"));
        }

        /** Envelopes of this charger's events of this type, waiting up to {@code patience} for {@code count}. */
        List<JsonNode> await(String chargePointId, String type, int count, Duration patience) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (matching(chargePointId, type).size() < count && System.nanoTime() < deadline) {
                Message message = rabbit.receive(queue, 200);
                if (message != null) {
                    seen.add(JSON.readTree(message.getBody()));
                }
            }
            return matching(chargePointId, type);
        }

        /** Everything of this charger and type that arrived within a quiet second. */
        List<JsonNode> settle(String chargePointId, String type) {
            Message message;
            while ((message = rabbit.receive(queue, 1000)) != null) {
                seen.add(JSON.readTree(message.getBody()));
            }
            return matching(chargePointId, type);
        }

        private List<JsonNode> matching(String chargePointId, String type) {
            Predicate<JsonNode> match = envelope -> type.equals(envelope.path("type").asString())
                    && chargePointId.equals(envelope.path("payload").path("chargePointId").asString());
            return seen.stream().filter(match).map(envelope -> envelope.path("payload")).toList();
        }

        @Override
        public void close() {
            admin.deleteQueue(queue);
        }
    }
}
