package com.evplatform.order.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.ConnectorCode;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.Money;
import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.order.billing.application.Ledger;
import com.evplatform.paymentprovider.Corruption;
import com.evplatform.paymentprovider.Delivery;
import com.evplatform.paymentprovider.PaymentProvider;
import com.evplatform.reconciliation.contract.ReconciliationEvent;
import com.evplatform.reconciliation.contract.ReconciliationEvents;
import com.evplatform.testsupport.ApiClient;
import com.evplatform.testsupport.ApiClient.Response;
import com.evplatform.testsupport.PlatformInfrastructure;
import com.evplatform.testsupport.TestTokens;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders, wallets and payments against the real database, broker and Redis. charging-service is
 * played by publishing its session events through an outbox, as it does; the payment provider
 * by the payment-provider simulator, signing webhooks with the shared secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.order.webhook-secret=" + OrderBillingIT.SECRET, "platform.order.reminder-delays=2s,4s",
        "platform.order.payment-deadline=6s"})
@PlatformInfrastructure(schema = "orders")
@Import({OrderBillingIT.ChargingServiceStandIn.class, OrderBillingIT.ReconciliationServiceStandIn.class})
class OrderBillingIT {

    static final String SECRET = "order-billing-it-webhook-secret";
    static final TestTokens TOKENS = new TestTokens();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Currency CNY = Currency.getInstance("CNY");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("08:00", new BigDecimal("1.20"), new BigDecimal("0.60")),
            new TariffSnapshot.Segment("22:00", new BigDecimal("0.60"), new BigDecimal("0.40"))), "UTC");

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry registry) {
        registry.add("platform.security.jwks-uri", TOKENS::jwksUri);
    }

    /** Lets the test publish charging.events exactly as charging-service does: through an outbox. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ChargingServiceStandIn {
        @Bean
        ExchangeDefinition chargingEventsForTests() {
            return ChargingEvents.EXCHANGE;
        }
    }

    /** Lets the test publish reconciliation.events as reconciliation-service does: through an outbox. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ReconciliationServiceStandIn {
        @Bean
        ExchangeDefinition reconciliationEventsForTests() {
            return ReconciliationEvents.EXCHANGE;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MeterRegistry meters;

    ApiClient api;
    PaymentProvider provider;
    String driverId;
    String driver;
    String operatorCode;
    String admin = TOKENS.admin();
    static final ExecutorService POOL = Executors.newFixedThreadPool(16);

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        provider = PaymentProvider.builder().webhookUrl("http://127.0.0.1:" + port + "/api/payments/webhook")
                .secret(SECRET).build();
        driverId = UUID.randomUUID().toString();
        driver = TOKENS.driver(driverId);
        operatorCode = UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    // --- orders ----------------------------------------------------------------------------

    @Test
    void a_session_opens_an_order_and_its_completion_prices_and_settles_it_from_the_wallet() {
        credit(driverId, "100.00");
        Session session = new Session();
        publish(session.started());

        JsonNode open = awaitOrder(session.id, "CHARGING");
        assertThat(open.path("chargePointId").asString()).isEqualTo(session.chargePointId);
        assertThat(open.path("transactionId").asInt()).isEqualTo(session.transactionId);
        assertThat(open.path("tariff").path("segments")).hasSize(3);

        publish(session.completed(7_500)); // 07:30-08:30 UTC: 3,750 Wh at night rate, 3,750 Wh at day rate
        JsonNode settled = awaitOrder(session.id, "SETTLED");

        assertThat(settled.path("energyWh").asLong()).isEqualTo(7_500);
        assertThat(settled.path("lines")).hasSize(2);
        assertThat(settled.path("totalAmount").asString()).isEqualTo("10.50");
        assertThat(settled.path("electricityAmount").asString()).isEqualTo("6.75");
        assertThat(settled.path("serviceAmount").asString()).isEqualTo("3.75");
        assertThat(settled.path("paidAmount").asString()).isEqualTo("10.50");
        assertThat(settled.path("amountDue").asString()).isEqualTo("0.00");
        JsonNode wallet = api.get("/api/wallet", driver).json();
        assertThat(wallet.path("balance").asString()).isEqualTo("89.50");
        assertThat(wallet.path("entries").get(0).path("type").asString()).isEqualTo("SETTLEMENT");
        assertThat(wallet.path("entries").get(0).path("amount").asString()).isEqualTo("-10.50");
        assertBalanceIsTheSumOfTheLedger(driverId);
        // What reconciliation reprices the order from travels with the event.
        List<JsonNode> events = payloads("order.order-settled", "order:" + settled.path("orderId").asString());
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.path("meterStartWh").asLong()).isEqualTo(100_000);
        assertThat(event.path("meterStopWh").asLong()).isEqualTo(107_500);
        assertThat(Instant.parse(event.path("startedAt").asString())).isEqualTo(session.startedAt);
        assertThat(Instant.parse(event.path("stoppedAt").asString())).isEqualTo(session.stoppedAt);
        assertThat(event.path("tariff")).isEqualTo(settled.path("tariff"));
        assertThat(event.path("lines")).isEqualTo(settled.path("lines"));
    }

    @Test
    void duplicate_and_reordered_session_events_make_exactly_one_order_and_one_debit() {
        credit(driverId, "100.00");
        Session session = new Session();
        publish(session.completed(2_000)); // overtakes its start
        publish(session.started());
        publish(session.completed(2_000));
        publish(session.started());

        awaitOrder(session.id, "SETTLED");
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE session_id = ?", Integer.class, session.id))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entries WHERE user_id = ? AND type = 'SETTLEMENT'",
                Integer.class, driverId)).isEqualTo(1);
        assertBalanceIsTheSumOfTheLedger(driverId);
    }

    @Test
    void an_order_the_wallet_cannot_cover_is_unpaid_then_paid_by_a_top_up_oldest_first() {
        credit(driverId, "3.00");
        Session first = new Session();
        publish(first.started());
        publish(first.completed(7_500)); // 10.50: 3.00 paid, 7.50 due
        JsonNode unpaid = awaitOrder(first.id, "UNPAID");
        assertThat(unpaid.path("paidAmount").asString()).isEqualTo("3.00");
        assertThat(unpaid.path("amountDue").asString()).isEqualTo("7.50");
        Session second = new Session();
        publish(second.started());
        publish(second.completed(1_000));
        awaitOrder(second.id, "UNPAID");
        assertThat(api.get("/api/wallet", driver).json().path("unpaidAmount").asString()).isNotEqualTo("0.00");
        assertThat(api.get("/api/wallet/start-check", driver).field("code")).isEqualTo("UNPAID_ORDER");

        String topUpId = topUp("8.00");
        assertThat(provider.succeed(topUpId, "8.00", "CNY").delivery().status()).isEqualTo(200);

        assertThat(awaitOrder(first.id, "SETTLED").path("amountDue").asString()).isEqualTo("0.00");
        JsonNode stillOwed = awaitOrder(second.id, "UNPAID");
        assertThat(new BigDecimal(stillOwed.path("paidAmount").asString())).isEqualByComparingTo("0.50");
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("0.00");
        assertThat(api.get("/api/wallet/top-ups/" + topUpId, driver).field("status")).isEqualTo("SUCCEEDED");
        assertBalanceIsTheSumOfTheLedger(driverId);
    }

    @Test
    void an_unpaid_order_is_reminded_through_delay_queues_and_becomes_overdue_at_its_deadline() {
        Session session = new Session();
        publish(session.started());
        publish(session.completed(1_000));
        awaitOrder(session.id, "UNPAID");

        JsonNode overdue = awaitOrder(session.id, "OVERDUE");
        assertThat(overdue.path("amountDue").asString()).isNotEqualTo("0.00");
        String orderId = overdue.path("orderId").asString();
        await().atMost(PATIENCE).until(() -> published("order.payment-reminder", orderId) == 2
                && published("order.order-overdue", orderId) == 1);
    }

    @Test
    void a_reminder_for_an_order_paid_in_the_meantime_does_nothing() {
        Session session = new Session();
        publish(session.started());
        publish(session.completed(1_000));
        String orderId = awaitOrder(session.id, "UNPAID").path("orderId").asString();
        String topUpId = topUp("20.00");
        provider.succeed(topUpId, "20.00", "CNY");
        awaitOrder(session.id, "SETTLED");

        await().during(Duration.ofSeconds(7)).atMost(PATIENCE).until(() -> true);
        assertThat(published("order.payment-reminder", orderId)).isZero();
        assertThat(published("order.order-overdue", orderId)).isZero();
        assertThat(order(session.id).path("status").asString()).isEqualTo("SETTLED");
    }

    // --- start checks ----------------------------------------------------------------------

    @Test
    void the_start_check_wants_the_minimum_balance_and_no_unpaid_order() {
        Response poor = api.get("/api/wallet/start-check", driver);
        assertThat(poor.status()).isEqualTo(402);
        assertThat(poor.field("code")).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(poor.contentType()).contains("application/problem+json");

        credit(driverId, "5.00");
        Response rich = api.get("/api/wallet/start-check", driver);
        assertThat(rich.status()).isEqualTo(200);
        assertThat(rich.field("balance")).isEqualTo("5.00");
    }

    // --- payments ----------------------------------------------------------------------------

    @Test
    void the_same_payment_delivered_ten_times_at_once_credits_the_wallet_once() throws Exception {
        String topUpId = topUp("50.00");
        var event = provider.newEvent(com.evplatform.paymentprovider.PaymentEvent.Type.SUCCEEDED, topUpId,
                new BigDecimal("50.00"), "CNY");

        List<Delivery> deliveries = provider.deliverConcurrently(event, 10);
        List<Delivery> again = provider.resend(event.withNewEventId(), 2); // same paymentId, new event ids

        assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).as(d.summary()).isEqualTo(200));
        assertThat(again).allSatisfy(d -> assertThat(d.status()).as(d.summary()).isEqualTo(200));
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("50.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entries WHERE top_up_id = ?", Integer.class,
                topUpId)).isEqualTo(1);
        assertBalanceIsTheSumOfTheLedger(driverId);
        List<JsonNode> credited = payloads("order.wallet-credited", "wallet:" + driverId);
        assertThat(credited).hasSize(1);
        assertThat(Instant.parse(credited.getFirst().path("providerOccurredAt").asString()))
                .isEqualTo(event.occurredAt());
    }

    @Test
    void a_webhook_that_is_forged_stale_unknown_or_for_another_amount_is_refused_and_changes_nothing() {
        String topUpId = topUp("50.00");
        var event = provider.newEvent(com.evplatform.paymentprovider.PaymentEvent.Type.SUCCEEDED, topUpId,
                new BigDecimal("50.00"), "CNY");

        assertRefused(provider.deliver(event, Corruption.WRONG_SECRET), 401, "BAD_SIGNATURE");
        assertRefused(provider.deliver(event, Corruption.TAMPERED_BODY), 401, "BAD_SIGNATURE");
        assertRefused(provider.deliver(event, Corruption.MISSING_HEADER), 401, "BAD_SIGNATURE");
        assertRefused(provider.deliver(event, Corruption.MALFORMED_HEADER), 401, "BAD_SIGNATURE");
        assertRefused(provider.deliver(event, Corruption.STALE_TIMESTAMP), 401, "STALE_SIGNATURE");
        assertRefused(provider.deliver(event, Corruption.CHANGED_AMOUNT), 409, "AMOUNT_MISMATCH");
        assertRefused(provider.deliver(event, Corruption.CHANGED_CURRENCY), 409, "AMOUNT_MISMATCH");
        assertRefused(provider.deliver(provider.newEvent(com.evplatform.paymentprovider.PaymentEvent.Type.SUCCEEDED,
                UUID.randomUUID().toString(), new BigDecimal("50.00"), "CNY")), 404, "TOP_UP_NOT_FOUND");

        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("0.00");
        assertThat(api.get("/api/wallet/top-ups/" + topUpId, driver).field("status")).isEqualTo("PENDING");
        assertThat(provider.deliver(event).status()).isEqualTo(200); // the genuine one still works
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("50.00");
    }

    @Test
    void a_failed_payment_fails_the_top_up_and_credits_nothing() {
        String topUpId = topUp("30.00");
        assertThat(provider.fail(topUpId, "30.00", "CNY").delivery().status()).isEqualTo(200);

        assertThat(api.get("/api/wallet/top-ups/" + topUpId, driver).field("status")).isEqualTo("FAILED");
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("0.00");
    }

    @Test
    void a_hundred_concurrent_top_ups_and_settlements_on_one_wallet_lose_nothing() throws Exception {
        credit(driverId, "10.00");
        List<Callable<Object>> work = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String topUpId = topUp("5.00");
            work.add(() -> {
                var paid = provider.succeed(topUpId, "5.00", "CNY");
                assertThat(paid.delivery().status()).as(paid.delivery().summary()).isEqualTo(200);
                return paid;
            });
            Session session = new Session();
            sessions.add(session);
            work.add(() -> {
                publish(session.started());
                publish(session.completed(1_000 + 37L * sessions.indexOf(session)));
                return null;
            });
        }
        for (Future<Object> done : POOL.invokeAll(work)) {
            done.get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM orders WHERE user_id = ? AND priced_at IS NOT NULL", Integer.class,
                driverId) == 50);

        assertBalanceIsTheSumOfTheLedger(driverId);
        BigDecimal topUps = new BigDecimal("260.00"); // 10.00 credited + 50 x 5.00
        BigDecimal billed = jdbc.queryForObject("SELECT SUM(total_amount) FROM orders WHERE user_id = ?",
                BigDecimal.class, driverId);
        BigDecimal due = jdbc.queryForObject("SELECT SUM(amount_due) FROM orders WHERE user_id = ?",
                BigDecimal.class, driverId);
        BigDecimal balance = new BigDecimal(api.get("/api/wallet", driver).json().path("balance").asString());
        // Every cent is somewhere: in the wallet, or paid for an order; what is still due was never taken.
        assertThat(balance.add(billed).subtract(due)).isEqualByComparingTo(topUps);
        assertThat(balance.signum()).isGreaterThanOrEqualTo(0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entries WHERE user_id = ? AND type = 'SETTLEMENT'",
                Integer.class, driverId)).isLessThanOrEqualTo(50);
    }

    // --- admin -------------------------------------------------------------------------------

    @Test
    void a_refund_goes_back_to_the_wallet_once_and_never_beyond_what_was_paid() {
        credit(driverId, "100.00");
        Session session = new Session();
        publish(session.started());
        publish(session.completed(7_500));
        String orderId = awaitOrder(session.id, "SETTLED").path("orderId").asString();
        String operator = TOKENS.operator(UUID.randomUUID().toString(), operatorCode);
        String otherOperator = TOKENS.operator(UUID.randomUUID().toString(), "OTHEROPER");
        Map<String, Object> refund = Map.of("amount", "4.00", "reason", "connector fault", "reference", "R-" + orderId);

        assertThat(api.post("/api/admin/orders/" + orderId + "/refunds", otherOperator, refund).status())
                .isEqualTo(404);
        Response first = api.post("/api/admin/orders/" + orderId + "/refunds", operator, refund);
        Response repeat = api.post("/api/admin/orders/" + orderId + "/refunds", operator, refund);
        Response tooMuch = api.post("/api/admin/orders/" + orderId + "/refunds", admin,
                Map.of("amount", "7.00", "reason", "goodwill", "reference", "R2-" + orderId));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.field("status")).isEqualTo("ADJUSTED");
        assertThat(first.field("refundedAmount")).isEqualTo("4.00");
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.field("refundedAmount")).isEqualTo("4.00");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.field("code")).isEqualTo("REFUND_EXCEEDS_PAID");
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("93.50");
        assertBalanceIsTheSumOfTheLedger(driverId);
    }

    @Test
    void an_admin_credit_is_idempotent_by_reference_and_only_for_admins() {
        Map<String, Object> body = Map.of("amount", "12.00", "reference", "C-" + driverId);
        assertThat(api.post("/api/admin/wallets/" + driverId + "/credits", admin, body).status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + driverId + "/credits", admin, body).status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + driverId + "/credits", driver, body).status()).isEqualTo(403);

        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("12.00");
    }

    @Test
    void first_credits_to_many_new_wallets_at_once_all_succeed() throws Exception {
        List<Callable<Response>> credits = new ArrayList<>();
        List<String> drivers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String userId = UUID.randomUUID().toString();
            drivers.add(userId);
            credits.add(() -> api.post("/api/admin/wallets/" + userId + "/credits", admin,
                    Map.of("amount", "7.00", "reference", "first-" + userId)));
        }
        for (Future<Response> credited : POOL.invokeAll(credits)) {
            assertThat(credited.get().status()).as(credited.get().text()).isEqualTo(201);
        }
        for (String userId : drivers) {
            assertThat(ledger.balance(userId, CNY)).isEqualTo(Money.of("7.00", "CNY"));
            assertBalanceIsTheSumOfTheLedger(userId);
        }
    }

    // --- reconciliation adjustments -----------------------------------------------------------

    @Test
    void a_lower_total_credits_the_wallet_once_however_often_the_adjustment_arrives() {
        credit(driverId, "100.00");
        Session session = new Session();
        String orderId = charged(session, 7_500, "SETTLED");
        String adjustmentId = UUID.randomUUID().toString();

        Envelope first = adjust(adjustmentId, orderId, "10.20");
        JsonNode adjusted = awaitOrder(session.id, "ADJUSTED");
        deliverAgain(first); // the broker hands the same message over twice
        awaitApplied(adjust(adjustmentId, orderId, "10.20")); // reconciliation sends it again

        assertOrder(adjusted, "ADJUSTED", "10.20", "10.20", "0.00");
        assertThat(order(session.id)).isEqualTo(adjusted);
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("89.80");
        assertThat(adjustmentEntries(adjustmentId)).containsExactly(new BigDecimal("0.3000"));
        assertBalanceIsTheSumOfTheLedger(driverId);
        List<JsonNode> events = payloads("order.order-adjusted", "order:" + orderId);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().path("adjustmentId").asString()).isEqualTo(adjustmentId);
        assertThat(events.getFirst().path("difference").path("amount").asString()).isEqualTo("-0.30");
        assertThat(events.getFirst().path("total").path("amount").asString()).isEqualTo("10.20");
        List<JsonNode> credits = payloads("order.wallet-credited", "wallet:" + driverId).stream()
                .filter(credit -> credit.path("type").asString().equals("ADJUSTMENT")).toList();
        assertThat(credits).hasSize(1);
        assertThat(credits.getFirst().path("amount").path("amount").asString()).isEqualTo("0.30");
        assertThat(credits.getFirst().path("reference").asString()).isEqualTo(adjustmentId);
    }

    @Test
    void a_higher_total_takes_what_the_wallet_holds_and_the_rest_is_due_until_a_top_up_pays_it() {
        credit(driverId, "11.00");
        Session session = new Session();
        String orderId = charged(session, 7_500, "SETTLED"); // 10.50: 0.50 left in the wallet
        String adjustmentId = UUID.randomUUID().toString();

        awaitApplied(adjust(adjustmentId, orderId, "12.00"));

        assertOrder(order(session.id), "ADJUSTED", "12.00", "11.00", "1.00");
        JsonNode wallet = api.get("/api/wallet", driver).json();
        assertThat(wallet.path("balance").asString()).isEqualTo("0.00");
        assertThat(wallet.path("unpaidAmount").asString()).isEqualTo("1.00");
        assertThat(adjustmentEntries(adjustmentId)).containsExactly(new BigDecimal("-0.5000"));
        assertBalanceIsTheSumOfTheLedger(driverId);
        assertThat(published("order.order-adjusted", orderId)).isEqualTo(1);
        assertThat(api.get("/api/wallet/start-check", driver).field("code")).isEqualTo("UNPAID_ORDER");

        String topUpId = topUp("5.00");
        assertThat(provider.succeed(topUpId, "5.00", "CNY").delivery().status()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> order(session.id).path("amountDue").asString().equals("0.00"));
        assertOrder(order(session.id), "ADJUSTED", "12.00", "12.00", "0.00");
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("4.00");
        assertBalanceIsTheSumOfTheLedger(driverId);
    }

    @Test
    void an_adjustment_that_only_changes_what_is_due_is_applied_once_too() {
        credit(driverId, "3.00");
        Session session = new Session();
        String orderId = charged(session, 7_500, "UNPAID"); // 10.50: 3.00 paid, 7.50 due
        String adjustmentId = UUID.randomUUID().toString();

        awaitApplied(adjust(adjustmentId, orderId, "5.00"));
        awaitApplied(adjust(adjustmentId, orderId, "4.00")); // the same adjustment id, whatever it says now

        assertOrder(order(session.id), "ADJUSTED", "5.00", "3.00", "2.00");
        assertThat(adjustmentEntries(adjustmentId)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM order_adjustments WHERE order_id = ?", Integer.class,
                orderId)).isEqualTo(1);
        assertThat(published("order.order-adjusted", orderId)).isEqualTo(1);
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("0.00");
        assertBalanceIsTheSumOfTheLedger(driverId);
    }

    @Test
    void an_adjustment_for_an_order_not_priced_or_unknown_is_dead_lettered_with_its_reason() {
        credit(driverId, "100.00");
        Session session = new Session();
        publish(session.started());
        String orderId = awaitOrder(session.id, "CHARGING").path("orderId").asString();

        Envelope charging = adjust(UUID.randomUUID().toString(), orderId, "1.00");
        Envelope unknown = adjust(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "1.00");

        assertThat(awaitDeadLetter(charging)).contains("still CHARGING");
        assertThat(awaitDeadLetter(unknown)).contains("no such order");
        assertThat(order(session.id).path("status").asString()).isEqualTo("CHARGING");
        assertThat(published("order.order-adjusted", orderId)).isZero();
        assertThat(api.get("/api/wallet", driver).json().path("balance").asString()).isEqualTo("100.00");
    }

    // --- bad input ----------------------------------------------------------------------------

    @Test
    void bad_requests_get_clear_problems_and_change_nothing() {
        Response tooBig = api.post("/api/wallet/top-ups", driver, Map.of("amount", "5000.01"));
        Response tooFine = api.post("/api/wallet/top-ups", driver, Map.of("amount", "10.001"));
        Response missing = api.post("/api/wallet/top-ups", driver, Map.of());
        Response badStatus = api.get("/api/orders?status=PAID", driver);
        Response anonymous = api.get("/api/wallet", null);

        for (Response bad : List.of(tooBig, tooFine, missing, badStatus)) {
            assertThat(bad.status()).as(bad.text()).isEqualTo(400);
            assertThat(bad.field("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(bad.json().path("errors")).isNotEmpty();
        }
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM top_ups WHERE user_id = ?", Integer.class, driverId))
                .isZero();

        credit(driverId, "100.00");
        Session session = new Session();
        publish(session.started());
        String orderId = awaitOrder(session.id, "CHARGING").path("orderId").asString();
        String stranger = TOKENS.driver(UUID.randomUUID().toString());
        assertThat(api.get("/api/orders/" + orderId, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/orders/" + orderId, driver).status()).isEqualTo(200);
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A charging session of this test's driver, 07:30 to 08:30 UTC on a fixed day. */
    final class Session {
        final String id = UUID.randomUUID().toString();
        final String chargePointId = "CP-" + id.substring(0, 8);
        final int transactionId = Math.abs(id.hashCode() % 1_000_000) + 1;
        final Instant startedAt = Instant.parse("2026-03-01T07:30:00Z");
        final Instant stoppedAt = Instant.parse("2026-03-01T08:30:00Z");

        SessionEvent.SessionStarted started() {
            return new SessionEvent.SessionStarted(id, driverId, operatorCode, ConnectorCode.of(chargePointId, 1),
                    chargePointId, 1, transactionId, 100_000, startedAt, TARIFF);
        }

        SessionEvent.SessionCompleted completed(long energyWh) {
            Pricing.Bill bill = Pricing.bill(TARIFF, ZoneOffset.UTC, new Pricing.Reading(startedAt, 100_000),
                    new Pricing.Reading(stoppedAt, 100_000 + energyWh), List.of());
            return new SessionEvent.SessionCompleted(id, driverId, operatorCode, ConnectorCode.of(chargePointId, 1),
                    chargePointId, 1, transactionId, 100_000, 100_000 + energyWh, EnergyWh.of(energyWh), startedAt,
                    stoppedAt, StopReason.USER, bill.lines(), bill.total(), TARIFF);
        }
    }

    private void publish(SessionEvent event) {
        transactions.executeWithoutResult(tx -> outbox.publish(OutgoingMessage.to(ChargingEvents.EXCHANGE)
                .aggregate(ChargingEvents.aggregateOf(event.sessionId()))
                .messageOf(ChargingEvents.kindOf(event), event)));
    }

    /** The session starts and completes with this energy; its order reaches the status. @return the order id */
    private String charged(Session session, long energyWh, String status) {
        publish(session.started());
        publish(session.completed(energyWh));
        return awaitOrder(session.id, status).path("orderId").asString();
    }

    /** An operator resolved a mismatch of the order with ADJUST: published as reconciliation-service does. */
    private Envelope adjust(String adjustmentId, String orderId, String expectedTotal) {
        var request = new ReconciliationEvent.AdjustmentRequested(adjustmentId, "mismatch-" + adjustmentId, orderId,
                "AMOUNT_MISMATCH", Money.of(expectedTotal, "CNY"), "repriced", "admin-1", Instant.now());
        return transactions.execute(tx -> outbox.publish(OutgoingMessage.to(ReconciliationEvents.EXCHANGE)
                .aggregate(ReconciliationEvents.orderAggregate(orderId))
                .messageOf(ReconciliationEvents.kindOf(request), request)));
    }

    /**
     * Publishes a message the outbox sent once more, as it is (the same message id and body), and
     * waits until the adjustments consumer has dropped it as a duplicate.
     */
    private void deliverAgain(Envelope envelope) {
        double dropped = duplicatesDropped();
        Map<String, Object> row = jdbc.queryForMap("SELECT exchange_name, routing_key, message_type, body "
                + "FROM messaging_outbox WHERE message_id = ?", envelope.messageId().toString());
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(envelope.messageId().toString());
        properties.setType((String) row.get("message_type"));
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send((String) row.get("exchange_name"), (String) row.get("routing_key"),
                new Message((byte[]) row.get("body"), properties));
        await().atMost(PATIENCE).until(() -> duplicatesDropped() > dropped);
    }

    private double duplicatesDropped() {
        var counter = meters.find("messaging.duplicates").tag("consumer", "order.reconciliation-adjustments")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Waits until the adjustments consumer has committed this message. Every earlier delivery to
     * the same order's partition was handled before it.
     */
    private void awaitApplied(Envelope envelope) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM messaging_inbox "
                + "WHERE consumer = 'order.reconciliation-adjustments' AND message_id = ?", Integer.class,
                envelope.messageId().toString()) == 1);
    }

    /** @return the reason the message was dead-lettered with */
    private String awaitDeadLetter(Envelope envelope) {
        String sql = "SELECT reason FROM messaging_dead_letter WHERE message_id = ?";
        await().atMost(PATIENCE).until(() -> !jdbc.queryForList(sql, String.class,
                envelope.messageId().toString()).isEmpty());
        return jdbc.queryForList(sql, String.class, envelope.messageId().toString()).getFirst();
    }

    private static void assertOrder(JsonNode order, String status, String total, String paid, String due) {
        assertThat(List.of(order.path("status").asString(), order.path("totalAmount").asString(),
                order.path("paidAmount").asString(), order.path("amountDue").asString()))
                .containsExactly(status, total, paid, due);
    }

    /** The amounts of the wallet's ledger entries for an adjustment. */
    private List<BigDecimal> adjustmentEntries(String adjustmentId) {
        return jdbc.queryForList("SELECT amount FROM ledger_entries WHERE entry_key = ? AND type = 'ADJUSTMENT'",
                BigDecimal.class, "adjustment:" + adjustmentId);
    }

    private void credit(String userId, String amount) {
        Response credited = api.post("/api/admin/wallets/" + userId + "/credits", admin,
                Map.of("amount", amount, "reference", "seed-" + UUID.randomUUID()));
        assertThat(credited.status()).as(credited.text()).isEqualTo(201);
    }

    private String topUp(String amount) {
        Response created = api.post("/api/wallet/top-ups", driver, Map.of("amount", amount));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.field("status")).isEqualTo("PENDING");
        return created.field("topUpId");
    }

    private JsonNode order(String sessionId) {
        JsonNode items = api.get("/api/orders?sessionId=" + sessionId, driver).json().path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    private JsonNode awaitOrder(String sessionId, String status) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode order = order(sessionId);
            return order != null && status.equals(order.path("status").asString());
        });
        return order(sessionId);
    }

    private int published(String type, String orderId) {
        return payloads(type, "order:" + orderId).size();
    }

    /** The payloads of the messages of a type this service published about an aggregate. */
    private List<JsonNode> payloads(String type, String aggregateId) {
        return jdbc.queryForList("SELECT CAST(body AS CHAR) FROM messaging_outbox WHERE message_type = ? "
                + "AND CAST(body AS CHAR) LIKE ? ORDER BY id", String.class, type, "%\"" + aggregateId + "\"%")
                .stream().map(body -> JSON.readTree(body).path("payload")).toList();
    }

    private void assertBalanceIsTheSumOfTheLedger(String userId) {
        Money balance = ledger.balance(userId, CNY);
        assertThat(ledger.sum(userId, CNY)).isEqualTo(balance);
        assertThat(balance.isNegative()).isFalse();
    }

    private static void assertRefused(Delivery delivery, int status, String code) {
        assertThat(delivery.status()).as(delivery.summary()).isEqualTo(status);
        assertThat(delivery.code()).as(delivery.summary()).contains(code);
    }
}
