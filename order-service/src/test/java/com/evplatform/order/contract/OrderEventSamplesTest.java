package com.evplatform.order.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.MessageType;
import com.evplatform.contract.Money;
import com.evplatform.reconciliation.contract.ReconciliationEvent;
import com.evplatform.reconciliation.contract.ReconciliationEvents;
import com.evplatform.testsupport.ContractSamples;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * order-service as a producer: its order and wallet events go on the wire as order-contract's
 * golden samples say; and as a consumer: it reads charging-service's session events and
 * reconciliation-service's adjustments.
 */
class OrderEventSamplesTest {

    private static final Instant AT = Instant.parse("2026-03-01T08:30:05Z");
    private static final String ORDER = "0190f1d2-aaaa-7a10-8b1e-3c2d4e5f6a7b";
    private static final String SESSION = "0190f1d2-7c4e-7a10-8b1e-3c2d4e5f6a7b";
    private static final String USER = "0190f1d2-0000-7a10-8b1e-000000000001";

    private static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("08:00", new BigDecimal("1.20"), new BigDecimal("0.60")),
            new TariffSnapshot.Segment("22:00", new BigDecimal("0.60"), new BigDecimal("0.40"))));
    private static final Instant STARTED = Instant.parse("2026-03-01T07:30:00Z");
    private static final Instant STOPPED = Instant.parse("2026-03-01T08:30:00Z");

    @Test
    void order_events_go_on_the_wire_as_the_golden_samples_say() {
        // 3,750 Wh before 08:00, 3,750 after: 3.75 + 6.75
        Pricing.Bill bill = Pricing.bill(TARIFF, ZoneOffset.UTC, new Pricing.Reading(STARTED, 100_000),
                new Pricing.Reading(STOPPED, 107_500), List.of());
        Money total = bill.total();
        Map<MessageType<?>, Object> samples = Map.of(
                OrderEvents.ORDER_OPENED, new OrderEvent.OrderOpened(ORDER, SESSION, USER, "GREENVOLT", "CP-0001", 1,
                        4711, AT.minusSeconds(3600)),
                OrderEvents.ORDER_SETTLED, new OrderEvent.OrderSettled(ORDER, SESSION, USER, "GREENVOLT", "CP-0001",
                        4711, EnergyWh.of(7_500), total, total, AT, 100_000, 107_500, STARTED, STOPPED, TARIFF,
                        bill.lines()),
                OrderEvents.ORDER_UNPAID, new OrderEvent.OrderUnpaid(ORDER, SESSION, USER, "GREENVOLT", "CP-0001",
                        4711, EnergyWh.of(7_500), total, Money.of("3.00", "CNY"), Money.of("7.50", "CNY"), AT,
                        100_000, 107_500, STARTED, STOPPED, TARIFF, bill.lines()),
                OrderEvents.ORDER_PAID, new OrderEvent.OrderPaid(ORDER, USER, Money.of("7.50", "CNY"),
                        Money.of("0.00", "CNY"), "0190f1d2-bbbb-7a10-8b1e-3c2d4e5f6a7b", AT),
                OrderEvents.ORDER_OVERDUE, new OrderEvent.OrderOverdue(ORDER, USER, Money.of("7.50", "CNY"), AT),
                OrderEvents.PAYMENT_REMINDER, new OrderEvent.PaymentReminder(ORDER, USER, Money.of("7.50", "CNY"), 1,
                        AT),
                OrderEvents.ORDER_ADJUSTED, new OrderEvent.OrderAdjusted(ORDER, USER, "ADJ-1",
                        Money.of("-0.30", "CNY"), Money.of("10.20", "CNY"), "energy mismatch", AT),
                OrderEvents.ORDER_REFUNDED, new OrderEvent.OrderRefunded(ORDER, USER, "GREENVOLT", "R-1",
                        Money.of("4.00", "CNY"), Money.of("4.00", "CNY"), "connector fault", AT),
                OrderEvents.WALLET_CREDITED, new OrderEvent.WalletCredited(USER, "0190f1d2-cccc-7a10-8b1e-3c2d4e5f6a7b",
                        "TOP_UP", Money.of("50.00", "CNY"), Money.of("50.00", "CNY"),
                        "0190f1d2-bbbb-7a10-8b1e-3c2d4e5f6a7b", "pay_0001", null, AT, AT.minusSeconds(2)));

        assertThat(total).isEqualTo(Money.of("10.50", "CNY"));
        ContractSamples.assertProducerWrites(Path.of("../order-contract"), JsonMapper.builder().build(),
                OrderEvents.ALL, samples);
        assertThat(ContractSamples.tree(OrderEvents.ORDER_OPENED).has("aggregateId")).isFalse();
    }

    @Test
    void a_priced_order_carries_what_reconciliation_reprices_it_from() {
        OrderEvent.OrderSettled settled = ContractSamples.read(OrderEvents.ORDER_SETTLED);
        OrderEvent.OrderUnpaid unpaid = ContractSamples.read(OrderEvents.ORDER_UNPAID);

        assertRepricesTo(settled.tariff(), settled.lines(), settled.total(), settled.energyWh(),
                settled.meterStopWh() - settled.meterStartWh());
        assertRepricesTo(unpaid.tariff(), unpaid.lines(), unpaid.total(), unpaid.energyWh(),
                unpaid.meterStopWh() - unpaid.meterStartWh());
        assertThat(settled.stoppedAt()).isAfter(settled.startedAt());
        assertThat(unpaid.stoppedAt()).isAfter(unpaid.startedAt());
    }

    @Test
    void a_priced_order_from_before_those_fields_still_decodes_with_them_unknown() {
        var older = (ObjectNode) ContractSamples.tree(OrderEvents.ORDER_SETTLED);
        older.remove(List.of("meterStartWh", "meterStopWh", "startedAt", "stoppedAt", "tariff", "lines"));
        var library = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

        OrderEvent.OrderSettled settled = library.treeToValue(older, OrderEvent.OrderSettled.class);

        assertThat(settled.total()).isEqualTo(Money.of("10.50", "CNY"));
        assertThat(settled.tariff()).isNull();
        assertThat(settled.lines()).isNull();
        assertThat(settled.meterStopWh()).isZero();
    }

    @Test
    void a_top_up_credit_says_when_the_provider_took_the_payment() {
        OrderEvent.WalletCredited credited = ContractSamples.read(OrderEvents.WALLET_CREDITED);

        assertThat(credited.type()).isEqualTo("TOP_UP");
        assertThat(credited.providerOccurredAt()).isBefore(credited.at());
    }

    @Test
    void reads_the_session_events_it_bills_from() {
        SessionEvent.SessionStarted started = ContractSamples.read(ChargingEvents.SESSION_STARTED);
        SessionEvent.SessionCompleted completed = ContractSamples.read(ChargingEvents.SESSION_COMPLETED);

        assertThat(started.tariff().segments()).isNotEmpty();
        assertThat(started.userId()).isNotBlank();
        assertThat(completed.segments()).isNotEmpty();
        assertThat(completed.segments().stream().mapToLong(s -> s.energyWh()).sum())
                .isEqualTo(completed.meterStopWh() - completed.meterStartWh());
        assertThat(completed.total().currency().getCurrencyCode()).isEqualTo(completed.tariff().currency());
        assertThat(completed.stopReason()).isNotNull();
    }

    @Test
    void reads_the_adjustments_reconciliation_sends() {
        ReconciliationEvent.AdjustmentRequested adjustment =
                ContractSamples.read(ReconciliationEvents.ADJUSTMENT_REQUESTED);

        assertThat(adjustment.adjustmentId()).isNotBlank();
        assertThat(adjustment.orderId()).isNotBlank();
        assertThat(adjustment.expectedTotal().currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(adjustment.kind()).isNotBlank();
    }

    private static void assertRepricesTo(TariffSnapshot tariff, List<Pricing.SegmentEnergy> lines, Money total,
            EnergyWh energy, long meterEnergyWh) {
        Pricing.Bill repriced = Pricing.reprice(tariff, lines);
        assertThat(repriced.total()).isEqualTo(total);
        assertThat(repriced.energy()).isEqualTo(energy);
        assertThat(energy.wh()).isEqualTo(meterEnergyWh);
    }
}
