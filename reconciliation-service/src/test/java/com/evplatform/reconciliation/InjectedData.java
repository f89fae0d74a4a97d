package com.evplatform.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.order.contract.OrderEvent;

/**
 * A data set of charger transactions, orders and top-up credits for one operator in one window,
 * with a known set of differences of every kind injected, and the statement the provider would
 * send for it with lines added, left out and changed. {@link #expected()} is what a run must
 * report: each injected subject, per kind, and nothing else.
 */
public final class InjectedData {

    public static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("12:00", new BigDecimal("1.20"), new BigDecimal("0.60"))), "UTC");
    /** Transaction ids are the platform's; each data set takes a range of its own. */
    private static final AtomicInteger NEXT_TRANSACTION = new AtomicInteger(
            1_000_000_000 + (int) (System.nanoTime() % 100_000_000));

    public final String operatorCode = "OP" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    public final Instant from;
    public final Instant to;
    public final List<Object> deviceEvents = new ArrayList<>();
    public final List<Object> orderEvents = new ArrayList<>();
    final List<String> statement = new ArrayList<>();
    final Map<String, Set<String>> expected = new HashMap<>();
    private int sequence;

    public InjectedData(Instant from) {
        this.from = from;
        this.to = from.plus(Duration.ofDays(1));
        statement.add("paymentId,topUpId,amount,currency,paidAt");
    }

    /** A session billed right: a transaction, its order opened and settled at the tariff's price. */
    public Pair normal() {
        Pair pair = new Pair();
        pair.transaction();
        pair.order(pair.energy, price(pair.lines(pair.energy)), 1);
        return pair;
    }

    /**
     * {@code normal} sessions billed right, then {@code each} difference of every session kind
     * (missing, orphan, energy, amount) and {@code duplicates} of both duplicate kinds.
     */
    public InjectedData sessions(int normal, int each, int duplicates) {
        for (int i = 0; i < normal; i++) {
            normal();
        }
        for (int i = 0; i < each; i++) {
            missingOrder();
            orphanOrder();
            energyMismatch();
            amountMismatch();
        }
        for (int i = 0; i < duplicates; i++) {
            secondOrder();
            settledTwice();
        }
        return this;
    }

    public void missingOrder() {
        Pair pair = new Pair();
        pair.transaction();
        expect("MISSING_ORDER", "tx:" + pair.transactionId);
    }

    public void orphanOrder() {
        Pair pair = new Pair();
        pair.order(pair.energy, price(pair.lines(pair.energy)), 1);
        expect("ORPHAN_ORDER", "order:" + pair.orderId);
    }

    public void energyMismatch() {
        Pair pair = new Pair();
        pair.transaction();
        long billed = pair.energy + 137;
        pair.order(billed, price(pair.lines(billed)), 1);
        expect("ENERGY_MISMATCH", "order:" + pair.orderId);
    }

    public void amountMismatch() {
        Pair pair = new Pair();
        pair.transaction();
        pair.order(pair.energy, price(pair.lines(pair.energy)).plus(Money.of("0.37", "CNY")), 1);
        expect("AMOUNT_MISMATCH", "order:" + pair.orderId);
    }

    /** A second order for a transaction that was billed already. */
    public void secondOrder() {
        Pair pair = normal();
        Pair second = new Pair(pair.transactionId, pair.energy);
        second.order(second.energy, price(second.lines(second.energy)), 1);
        expect("DUPLICATE", "order:" + second.orderId);
    }

    /** One order settled (debited) twice. */
    public void settledTwice() {
        Pair pair = new Pair();
        pair.transaction();
        pair.order(pair.energy, price(pair.lines(pair.energy)), 2);
        expect("DUPLICATE", "order:" + pair.orderId);
    }

    /** An order the wallet paid in part (unpaid), the rest paid later by a top-up. */
    public void paidLater() {
        Pair pair = new Pair();
        pair.transaction();
        Money total = price(pair.lines(pair.energy));
        Money part = Money.of("0.50", "CNY");
        pair.unpaid(total, part);
        orderEvents.add(new OrderEvent.OrderPaid(pair.orderId, pair.userId, total.minus(part),
                Money.zero(total.currency()), UUID.randomUUID().toString(), pair.stoppedAt.plusSeconds(600)));
    }

    /** A settled order, 1.00 of it refunded to the wallet. */
    public void refunded() {
        Pair pair = normal();
        Money refund = Money.of("1.00", "CNY");
        orderEvents.add(new OrderEvent.OrderRefunded(pair.orderId, pair.userId, operatorCode, "REF-" + pair.orderId,
                refund, refund, "slow charging", pair.stoppedAt.plusSeconds(900)));
    }

    /** An order billed 0.37 too much, adjusted to its tariff's price (a mismatch resolved with ADJUST). */
    public void adjusted() {
        Pair pair = new Pair();
        pair.transaction();
        Money right = price(pair.lines(pair.energy));
        Money difference = Money.of("0.37", "CNY");
        pair.order(pair.energy, right.plus(difference), 1);
        orderEvents.add(new OrderEvent.OrderAdjusted(pair.orderId, pair.userId, UUID.randomUUID().toString(),
                difference.negated(), right, "AMOUNT_MISMATCH", pair.stoppedAt.plusSeconds(3_600)));
    }

    /** A top-up credited and in the statement, both the same. */
    public void payment() {
        Credit credit = credit("50.00");
        line(credit.paymentId, credit.topUpId, "50.00", credit.paidAt);
    }

    /** The provider took the money; nothing was credited. */
    public void paymentMissing() {
        String paymentId = "pay_" + UUID.randomUUID();
        line(paymentId, UUID.randomUUID().toString(), "30.00", nextTime());
        expect("PAYMENT_MISSING", "payment:" + paymentId);
    }

    /** Credited, and absent from the statement. */
    public void paymentUnknown() {
        Credit credit = credit("20.00");
        expect("PAYMENT_UNKNOWN", "top-up:" + credit.topUpId);
    }

    /** Credited at one amount, in the statement at another. */
    public void paymentAmountMismatch() {
        Credit credit = credit("40.00");
        line(credit.paymentId, credit.topUpId, "41.00", credit.paidAt);
        expect("PAYMENT_AMOUNT_MISMATCH", "payment:" + credit.paymentId);
    }

    public String statementCsv() {
        return String.join("\n", statement) + "\n";
    }

    public Map<String, Set<String>> expected() {
        return expected;
    }

    private void expect(String kind, String subject) {
        expected.computeIfAbsent(kind, k -> new TreeSet<>()).add(subject);
    }

    private Instant nextTime() {
        sequence++;
        return from.plusSeconds(60L + (sequence * 7L) % 80_000);
    }

    private record Credit(String topUpId, String paymentId, Instant paidAt) {
    }

    private Credit credit(String amount) {
        Credit credit = new Credit(UUID.randomUUID().toString(), "pay_" + UUID.randomUUID(), nextTime());
        String userId = UUID.randomUUID().toString();
        orderEvents.add(new OrderEvent.WalletCredited(userId, UUID.randomUUID().toString(), "TOP_UP",
                Money.of(amount, "CNY"), Money.of(amount, "CNY"), credit.topUpId, credit.paymentId, null,
                credit.paidAt.plusSeconds(2), credit.paidAt));
        return credit;
    }

    private void line(String paymentId, String topUpId, String amount, Instant paidAt) {
        statement.add(paymentId + "," + topUpId + "," + amount + ",CNY," + paidAt);
    }

    public static Money price(List<Pricing.SegmentEnergy> lines) {
        return Pricing.reprice(TARIFF, lines).total();
    }

    /** A transaction and its order, stopping inside the window. */
    public final class Pair {
        public final int transactionId;
        public final long energy;
        public final String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        public final String sessionId = UUID.randomUUID().toString();
        public final String orderId = UUID.randomUUID().toString();
        public final String userId = UUID.randomUUID().toString();
        public final Instant stoppedAt = nextTime();
        public final Instant startedAt = stoppedAt.minus(Duration.ofMinutes(40));
        public final long meterStart = 1_000_000L + sequence * 10L;

        public Pair() {
            this(NEXT_TRANSACTION.incrementAndGet(), 1_000 + (sequence * 37L) % 40_000);
        }

        public Pair(int transactionId, long energy) {
            this.transactionId = transactionId;
            this.energy = energy;
        }

        /** Both segments' worth of energy, split as charging-service would bill it. */
        public List<Pricing.SegmentEnergy> lines(long wh) {
            return Pricing.bill(TARIFF, java.time.ZoneOffset.UTC, new Pricing.Reading(startedAt, meterStart),
                    new Pricing.Reading(stoppedAt, meterStart + wh), List.of()).lines();
        }

        public void transaction() {
            deviceEvents.add(new DeviceEvent.TransactionStarted(chargePointId, 1, transactionId, "TAG" + transactionId,
                    "Accepted", sessionId, meterStart, startedAt, operatorCode));
            deviceEvents.add(new DeviceEvent.TransactionStopped(chargePointId, 1, transactionId, "TAG" + transactionId,
                    sessionId, meterStart, meterStart + energy, startedAt, stoppedAt, "Remote", List.of(),
                    operatorCode));
        }

        public void order(long billedWh, Money total, int settlements) {
            opened();
            for (int i = 0; i < settlements; i++) {
                orderEvents.add(new OrderEvent.OrderSettled(orderId, sessionId, userId, operatorCode, chargePointId,
                        transactionId, EnergyWh.of(billedWh), total, total, stoppedAt.plusSeconds(1), meterStart,
                        meterStart + billedWh, startedAt, stoppedAt, TARIFF, lines(billedWh)));
            }
        }

        /** Opened, then priced at {@code total} with only {@code paid} of it paid from the wallet. */
        void unpaid(Money total, Money paid) {
            opened();
            orderEvents.add(new OrderEvent.OrderUnpaid(orderId, sessionId, userId, operatorCode, chargePointId,
                    transactionId, EnergyWh.of(energy), total, paid, total.minus(paid), stoppedAt.plusSeconds(1),
                    meterStart, meterStart + energy, startedAt, stoppedAt, TARIFF, lines(energy)));
        }

        private void opened() {
            orderEvents.add(new OrderEvent.OrderOpened(orderId, sessionId, userId, operatorCode, chargePointId, 1,
                    transactionId, startedAt));
        }
    }
}
