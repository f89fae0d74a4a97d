package com.evplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.EnergyWh;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec;
import com.evplatform.messaging.support.MessageIds;
import com.evplatform.messaging.support.TraceContext;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.Infrastructure;
import com.evplatform.testsupport.ServiceProcess;
import com.evplatform.testsupport.TestTokens;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11's faults for billing: order-service runs as a real process and this test plays
 * charging-service, publishing its session events on {@code charging.events} in the messaging
 * library's envelope with publisher confirms. order-service is killed with SIGKILL while it
 * settles, is fed every message more than once, and runs without Redis; each test ends with
 * the money audit: one order per session, one settlement per priced order, no negative
 * balance, a balance equal to its ledger and to what was credited less what was paid.
 *
 * <p>The run has a RabbitMQ virtual host and a database schema of its own: the consumer
 * queues have a single active consumer, so another order-service on the shared broker would
 * otherwise take this test's messages (and with a shared schema, relay each other's outbox).
 */
class OrderFaultsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SCHEMA = "order_faults";
    private static final String CONSUMER = "order.charging-events";
    private static final BigDecimal CREDIT = new BigDecimal("2000.00");
    private static final Instant STARTED_AT = Instant.parse("2026-03-01T07:30:00Z");
    private static final Instant STOPPED_AT = Instant.parse("2026-03-01T08:30:00Z");
    private static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("08:00", new BigDecimal("1.20"), new BigDecimal("0.60")),
            new TariffSnapshot.Segment("22:00", new BigDecimal("0.60"), new BigDecimal("0.40"))), "UTC");
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(JsonMapper.builder().build());
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} ([0-9.eE+-]+)$");

    private static TestTokens tokens;
    private static String vhost;
    private static Map<String, Object> properties;
    private static com.rabbitmq.client.Connection broker;

    @BeforeAll
    static void isolate() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        tokens = new TestTokens();
        vhost = "order-faults-" + UUID.randomUUID().toString().substring(0, 8);
        infrastructure.rabbitctl("add_vhost", vhost);
        infrastructure.rabbitctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");

        Map<String, Object> props = new HashMap<>(infrastructure.scratchSchemaProperties(SCHEMA));
        props.put("spring.rabbitmq.virtual-host", vhost);
        props.put("platform.security.jwks-uri", tokens.jwksUri());
        props.put("platform.order.webhook-secret", "order-faults-webhook-secret");
        // A killed consumer's Redis claim holds this long before a redelivery may take the message.
        props.put("platform.messaging.consumer.processing-ttl", "5s");
        properties = Map.copyOf(props);

        var factory = new ConnectionFactory();
        factory.setHost(infrastructure.rabbit().host());
        factory.setPort(infrastructure.rabbit().port());
        factory.setVirtualHost(vhost);
        broker = factory.newConnection("order-faults-it");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (vhost != null) {
            Infrastructure.get().rabbitctl("delete_vhost", vhost);
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void order_service_killed_with_sigkill_mid_stream_settles_every_session_once() throws Exception {
        ServiceProcess orders = ServiceProcess.start("order-service", properties);
        try {
            List<String> drivers = creditedDrivers(orders, 6);
            List<Session> sessions = sessions(drivers, 300);
            List<Message> messages = messages(sessions, 0);
            publish(messages);

            List<Long> pricedAtKills = new ArrayList<>();
            Map<String, Double> seen = new LinkedHashMap<>();
            for (double share : new double[] {0.2, 0.6}) {
                long threshold = Math.round(sessions.size() * share);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                        .until(() -> priced(drivers) >= threshold);
                add(seen, consumerFigures(orders));
                orders.kill();
                long priced = priced(drivers);
                pricedAtKills.add(priced);
                assertThat(priced).as("SIGKILL came mid-stream").isBetween(1L, sessions.size() - 1L);
                orders = orders.restart();
            }

            awaitApplied(messages);
            awaitPriced(drivers, sessions.size());
            add(seen, consumerFigures(orders));
            System.out.printf("kill test: %d sessions, %d messages, %d kills at %s priced orders, "
                    + "consumer figures of the processes before each kill and at the end: %s%n",
                    sessions.size(), messages.size(), pricedAtKills.size(), pricedAtKills, seen);
            audit(drivers, sessions);
        } finally {
            orders.close();
        }
    }

    @Test
    void duplicates_and_redeliveries_settle_once() throws Exception {
        try (ServiceProcess orders = ServiceProcess.start("order-service", properties)) {
            List<String> drivers = creditedDrivers(orders, 4);
            List<Session> sessions = sessions(drivers, 100);
            // Every third completion overtakes its start.
            List<Message> messages = messages(sessions, 3);

            Map<String, Double> figures = deliverThreeTimes(orders, drivers, sessions.size(), messages);
            System.out.printf("duplicates test: %d sessions (%d completions first), %d messages delivered 3 times "
                    + "each: %s%n", sessions.size(), (sessions.size() + 2) / 3, messages.size(), figures);
            audit(drivers, sessions);
            assertAppliedOnce(figures, messages);
        }
    }

    @Test
    void redis_down_during_settlement_still_settles_once() throws Exception {
        Map<String, Object> withoutRedis = new HashMap<>(properties);
        withoutRedis.put("spring.data.redis.port", closedPort());
        // Readiness leaves Redis out (ADR 17): this instance reports ready without it.
        try (ServiceProcess orders = ServiceProcess.start("order-service", withoutRedis)) {
            assertThat(new ApiClient(orders.port()).get("/actuator/health", null).json().path("components")
                    .path("redis").path("status").asString()).isEqualTo("DOWN");
            List<String> drivers = creditedDrivers(orders, 3);
            List<Session> sessions = sessions(drivers, 60);
            List<Message> messages = messages(sessions, 0);

            Map<String, Double> figures = deliverThreeTimes(orders, drivers, sessions.size(), messages);
            System.out.printf("redis-down test: %d sessions, %d messages delivered 3 times each: %s%n",
                    sessions.size(), messages.size(), figures);
            assertThat(figures.get("redis-unavailable")).as("claims Redis could not answer").isPositive();
            audit(drivers, sessions);
            assertAppliedOnce(figures, messages);
        }
    }

    // --- charging-service's side ----------------------------------------------------------------

    /** One session of a driver, 07:30 to 08:30 UTC across the day tariff's start. */
    private record Session(String id, String driverId, long energyWh, Message startedMessage,
            Message completedMessage, BigDecimal total) {

        static Session of(String driverId, long energyWh) {
            String id = UUID.randomUUID().toString();
            String chargePointId = "CP-" + id.substring(0, 8);
            int transactionId = Math.abs(id.hashCode() % 1_000_000) + 1;
            var connector = ConnectorCode.of(chargePointId, 1);
            var started = new SessionEvent.SessionStarted(id, driverId, "FAULTS", connector, chargePointId, 1,
                    transactionId, 100_000, STARTED_AT, TARIFF);
            Pricing.Bill bill = Pricing.bill(TARIFF, ZoneOffset.UTC, new Pricing.Reading(STARTED_AT, 100_000),
                    new Pricing.Reading(STOPPED_AT, 100_000 + energyWh), List.of());
            var completed = new SessionEvent.SessionCompleted(id, driverId, "FAULTS", connector, chargePointId, 1,
                    transactionId, 100_000, 100_000 + energyWh, EnergyWh.of(energyWh), STARTED_AT, STOPPED_AT,
                    StopReason.USER, bill.lines(), bill.total(), TARIFF);
            return new Session(id, driverId, energyWh, Message.of(started, 1), Message.of(completed, 2),
                    bill.total().amount());
        }
    }

    /** A session event as charging-service's outbox relays it: the envelope is the body. */
    private record Message(String messageId, String type, String routingKey, byte[] body) {

        static Message of(SessionEvent event, long aggregateVersion) {
            var kind = ChargingEvents.kindOf(event);
            String aggregate = ChargingEvents.aggregateOf(event.sessionId());
            var envelope = new Envelope(MessageIds.next(), kind.name(), kind.schemaVersion(), Instant.now(),
                    "charging-service", aggregate, aggregateVersion, TraceContext.currentOrNew(),
                    CODEC.toTree(event));
            return new Message(envelope.messageId().toString(), kind.name(),
                    ChargingEvents.EXCHANGE.routingKey(kind.name(), aggregate), CODEC.encode(envelope));
        }
    }

    private static List<Session> sessions(List<String> drivers, int count) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(Session.of(drivers.get(i % drivers.size()), 1_000 + (37L * i) % 9_000));
        }
        return sessions;
    }

    /** Each session's started and completed messages; every n-th session's completion first (0: none). */
    private static List<Message> messages(List<Session> sessions, int completedFirstEvery) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            boolean completedFirst = completedFirstEvery > 0 && i % completedFirstEvery == 0;
            messages.addAll(completedFirst ? List.of(session.completedMessage(), session.startedMessage())
                    : List.of(session.startedMessage(), session.completedMessage()));
        }
        return messages;
    }

    /** Publishes in order on one channel and waits for every publisher confirm. */
    private static void publish(List<Message> messages) throws Exception {
        try (Channel channel = broker.createChannel()) {
            channel.confirmSelect();
            for (Message message : messages) {
                var props = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                        .messageId(message.messageId()).type(message.type()).build();
                channel.basicPublish(ChargingEvents.EXCHANGE.name(), message.routingKey(), props, message.body());
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    // --- order-service's side ------------------------------------------------------------------

    private static List<String> creditedDrivers(ServiceProcess orders, int count) {
        var api = new ApiClient(orders.port());
        String admin = tokens.admin();
        List<String> drivers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String driverId = UUID.randomUUID().toString();
            var credited = api.post("/api/admin/wallets/" + driverId + "/credits", admin,
                    Map.of("amount", CREDIT.toPlainString(), "reference", "faults-" + driverId));
            assertThat(credited.status()).as(credited.text()).isEqualTo(201);
            drivers.add(driverId);
        }
        return drivers;
    }

    /** The consumer's counters in the process's metrics: consumed, duplicates, retried... */
    private static Map<String, Double> consumerFigures(ServiceProcess orders) {
        String text = new ApiClient(orders.port()).get("/actuator/prometheus", null).text();
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String name : List.of("consumed", "duplicates", "retried", "dead-lettered",
                "idempotency.redis-unavailable")) {
            figures.put(name.replace("idempotency.", ""), 0.0);
        }
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.matches() && sample.group(2).contains("consumer=\"" + CONSUMER + "\"")) {
                String metric = sample.group(1);
                String name = switch (metric) {
                    case "messaging_consumed_total" -> "consumed";
                    case "messaging_duplicates_total" -> "duplicates";
                    case "messaging_retried_total" -> "retried";
                    case "messaging_dead_lettered_total" -> "dead-lettered";
                    case "messaging_idempotency_redis_unavailable_total" -> "redis-unavailable";
                    default -> null;
                };
                if (name != null) {
                    figures.merge(name, Double.parseDouble(sample.group(3)), Double::sum);
                }
            }
        }
        return figures;
    }

    /**
     * Delivers every message twice in a row, waits until each is applied and every order priced,
     * then delivers them all once more, as a producer's outbox would after a lost confirm; returns
     * the consumer's figures once every delivery was handled one way or another.
     */
    private static Map<String, Double> deliverThreeTimes(ServiceProcess orders, List<String> drivers, int sessions,
            List<Message> messages) throws Exception {
        publish(messages.stream().flatMap(message -> Stream.of(message, message)).toList());
        awaitApplied(messages);
        awaitPriced(drivers, sessions);
        publish(messages);
        long deliveries = 3L * messages.size();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Double> figures = consumerFigures(orders);
            return figures.get("consumed") + figures.get("duplicates") + figures.get("dead-lettered") >= deliveries;
        });
        return consumerFigures(orders);
    }

    /** Each message applied once, every other delivery of it dropped as a duplicate, none dead-lettered. */
    private static void assertAppliedOnce(Map<String, Double> figures, List<Message> messages) {
        assertThat(figures.get("consumed")).as("messages applied").isEqualTo(messages.size());
        assertThat(figures.get("duplicates")).as("duplicates dropped").isEqualTo(2.0 * messages.size());
        assertThat(figures.get("dead-lettered")).as("dead letters").isZero();
    }

    private static void add(Map<String, Double> total, Map<String, Double> more) {
        more.forEach((name, value) -> total.merge(name, value, Double::sum));
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- the database --------------------------------------------------------------------------

    private static void awaitApplied(List<Message> messages) {
        Set<String> ids = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> inboxed(ids) == ids.size());
    }

    private static void awaitPriced(List<String> drivers, int sessions) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> priced(drivers) == sessions);
    }

    private static long priced(List<String> drivers) throws SQLException {
        return single("SELECT COUNT(*) FROM orders WHERE priced_at IS NOT NULL AND user_id IN " + in(drivers),
                drivers);
    }

    private static long inboxed(Collection<String> messageIds) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(CONSUMER);
        args.addAll(messageIds);
        return single("SELECT COUNT(*) FROM messaging_inbox WHERE consumer = ? AND message_id IN " + in(messageIds),
                args);
    }

    /**
     * The money audit: exactly one order per session, priced as charging-service billed it and
     * settled by exactly one SETTLEMENT entry of what it paid; per driver no negative balance, the
     * balance equal to the sum of the ledger, and what was credited less what was paid.
     */
    private static void audit(List<String> drivers, List<Session> sessions) throws SQLException {
        Map<String, Session> bySession = sessions.stream().collect(Collectors.toMap(Session::id, Function.identity()));
        List<Map<String, Object>> orders = rows("SELECT o.session_id, o.user_id, o.status, o.total_amount, "
                + "o.paid_amount, o.amount_due, o.priced_at, (SELECT COUNT(*) FROM ledger_entries l "
                + "WHERE l.order_id = o.id AND l.type = 'SETTLEMENT') AS settlements, (SELECT COALESCE(SUM(l.amount), 0) "
                + "FROM ledger_entries l WHERE l.order_id = o.id AND l.type = 'SETTLEMENT') AS settled "
                + "FROM orders o WHERE o.user_id IN " + in(drivers), drivers);

        List<String> orderedSessions = orders.stream().map(o -> (String) o.get("session_id")).toList();
        assertThat(orderedSessions).as("one order per session").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(bySession.keySet());
        Map<String, BigDecimal> paidByDriver = new HashMap<>();
        for (Map<String, Object> order : orders) {
            Session session = bySession.get((String) order.get("session_id"));
            String what = "order of session " + session.id();
            assertThat(order.get("priced_at")).as(what + " priced").isNotNull();
            assertThat(order.get("status")).as(what).isEqualTo("SETTLED");
            assertThat((BigDecimal) order.get("total_amount")).as(what + " total")
                    .isEqualByComparingTo(session.total());
            assertThat((BigDecimal) order.get("amount_due")).as(what + " due").isZero();
            assertThat(((Number) order.get("settlements")).longValue()).as(what + " SETTLEMENT entries")
                    .isEqualTo(1);
            BigDecimal paid = (BigDecimal) order.get("paid_amount");
            assertThat(paid).as(what + " paid").isEqualByComparingTo(session.total());
            assertThat(((BigDecimal) order.get("settled")).negate()).as(what + " debited").isEqualByComparingTo(paid);
            paidByDriver.merge((String) order.get("user_id"), paid, BigDecimal::add);
        }

        for (String driver : drivers) {
            BigDecimal balance = (BigDecimal) rows("SELECT balance FROM wallets WHERE user_id = ?", List.of(driver))
                    .getFirst().get("balance");
            Map<String, Object> ledger = rows("SELECT COALESCE(SUM(amount), 0) AS total, "
                    + "COALESCE(SUM(CASE WHEN type = 'CREDIT' THEN amount END), 0) AS credits, "
                    + "COUNT(CASE WHEN type NOT IN ('CREDIT', 'SETTLEMENT') THEN 1 END) AS others "
                    + "FROM ledger_entries WHERE user_id = ?", List.of(driver)).getFirst();
            String whose = "wallet of " + driver;
            assertThat(balance.signum()).as(whose + " not negative").isNotNegative();
            assertThat((BigDecimal) ledger.get("total")).as(whose + ": the sum of its ledger")
                    .isEqualByComparingTo(balance);
            assertThat((BigDecimal) ledger.get("credits")).as(whose + " credits").isEqualByComparingTo(CREDIT);
            assertThat(((Number) ledger.get("others")).longValue()).as(whose + ": other entries").isZero();
            assertThat(CREDIT.subtract(paidByDriver.getOrDefault(driver, BigDecimal.ZERO)))
                    .as(whose + ": credited less paid").isEqualByComparingTo(balance);
        }
    }

    private static String in(Collection<?> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", ", "(", ")"));
    }

    private static long single(String sql, List<?> args) throws SQLException {
        return ((Number) rows(sql, args).getFirst().values().iterator().next()).longValue();
    }

    private static List<Map<String, Object>> rows(String sql, List<?> args) throws SQLException {
        try (Connection connection = Infrastructure.get().rootConnection()) {
            connection.setCatalog(SCHEMA);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 1; c <= columns; c++) {
                            row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        }
    }
}
