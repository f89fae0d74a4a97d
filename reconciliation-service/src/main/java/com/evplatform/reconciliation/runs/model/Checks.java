package com.evplatform.reconciliation.runs.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.reconciliation.records.model.BilledOrder;
import com.evplatform.reconciliation.records.model.ChargerTransaction;
import com.evplatform.reconciliation.records.model.WalletCredit;

/**
 * The comparisons a run makes, one subject at a time, with no I/O: what the charger reported
 * against what was billed, and what the provider collected against what was credited. Prices
 * are recomputed with the shared pricing function, so reconciliation and billing cannot
 * disagree about arithmetic, only about data.
 */
public final class Checks {

    /** The kinds the transaction check decides for a {@code tx:} subject. */
    public static final List<MismatchKind> TRANSACTION_KINDS = List.of(MismatchKind.MISSING_ORDER);
    /** The kinds the order check decides for an {@code order:} subject. */
    public static final List<MismatchKind> ORDER_KINDS = List.of(MismatchKind.ORPHAN_ORDER,
            MismatchKind.ENERGY_MISMATCH, MismatchKind.AMOUNT_MISMATCH, MismatchKind.DUPLICATE);
    /** The kinds the statement check decides for a {@code payment:} subject. */
    public static final List<MismatchKind> PAYMENT_KINDS = List.of(MismatchKind.PAYMENT_MISSING,
            MismatchKind.PAYMENT_AMOUNT_MISMATCH);
    /** The kind decided for a {@code top-up:} subject. */
    public static final List<MismatchKind> TOP_UP_KINDS = List.of(MismatchKind.PAYMENT_UNKNOWN);

    /** Of several orders for one transaction, the original: the earliest session start, then the earliest arrival. */
    private static final Comparator<BilledOrder> FIRST_BILLED = Comparator
            .comparing(BilledOrder::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(BilledOrder::rowId);

    private Checks() {
    }

    /**
     * A stopped transaction that delivered energy has an order.
     *
     * @param billed whether any order names the transaction (how many, and what they bill, is the order check's)
     */
    public static List<Finding> transaction(ChargerTransaction tx, boolean billed) {
        EnergyWh energy = tx.energy().orElse(EnergyWh.ZERO);
        if (billed || energy.isZero()) {
            return List.of();
        }
        String who = tx.sessionId() == null ? "started on the charger's own idTag, no session"
                : "session " + tx.sessionId() + " has no order";
        return List.of(new Finding(MismatchKind.MISSING_ORDER, Finding.transactionSubject(tx.transactionId()),
                subject(tx, null), "an order", "none", energy.toString(), null, null,
                "Transaction " + tx.transactionId() + " on " + tx.chargePointId() + " delivered " + energy
                        + " and nothing was billed (" + who + ")"));
    }

    /**
     * A priced order matches its charger transaction (energy), its own tariff (amount), is the
     * only order of that transaction and was debited once.
     *
     * @param tx the transaction the order names, if reconciliation has it
     * @param siblings every order naming the same transaction, this one included
     * @param defaultZone the zone for tariffs whose snapshot names none
     */
    public static List<Finding> order(BilledOrder order, Optional<ChargerTransaction> tx, List<BilledOrder> siblings,
            ZoneId defaultZone) {
        List<Finding> findings = new ArrayList<>();
        Finding.Subject about = subject(tx.orElse(null), order);
        if (tx.isEmpty()) {
            findings.add(new Finding(MismatchKind.ORPHAN_ORDER, Finding.orderSubject(order.orderId()), about,
                    "transaction " + order.transactionId(), "none", null,
                    order.total(), order.total() == null ? null : Money.zero(order.total().currency()),
                    "Order " + order.orderId() + " bills transaction " + order.transactionId() + " on "
                            + order.chargePointId() + ", which no charger reported"));
        } else {
            energy(order, tx.get(), defaultZone).ifPresent(findings::add);
        }
        amount(order).ifPresent(findings::add);
        duplicate(order, siblings).ifPresent(findings::add);
        return findings;
    }

    private static Optional<Finding> energy(BilledOrder order, ChargerTransaction tx, ZoneId defaultZone) {
        Optional<EnergyWh> delivered = tx.energy();
        if (delivered.isEmpty() || order.energy() == null || delivered.get().equals(order.energy())) {
            return Optional.empty();
        }
        long difference = order.energy().wh() - delivered.get().wh();
        Money fair = null;
        Money overcharged = null;
        if (order.tariff() != null && order.total() != null && tx.stoppedAt() != null) {
            ZoneId zone = order.tariff().zone().orElse(defaultZone);
            fair = Pricing.bill(order.tariff(), zone, new Pricing.Reading(tx.startedAt(), tx.meterStartWh()),
                    new Pricing.Reading(tx.stoppedAt(), tx.meterStopWh()), List.of()).total();
            overcharged = order.total().minus(fair);
        }
        return Optional.of(new Finding(MismatchKind.ENERGY_MISMATCH, Finding.orderSubject(order.orderId()),
                subject(tx, order), delivered.get().toString(), order.energy().toString(), signed(difference) + " Wh",
                overcharged, fair, "Order " + order.orderId() + " bills " + order.energy() + ", the charger reported "
                        + delivered.get() + " (meter " + tx.meterStartWh() + " -> " + tx.meterStopWh() + ")"));
    }

    private static Optional<Finding> amount(BilledOrder order) {
        if (!order.priced() || order.tariff() == null) {
            return Optional.empty();
        }
        Money repriced;
        try {
            repriced = Pricing.reprice(order.tariff(), order.lines()).total();
        } catch (IllegalArgumentException e) {
            return Optional.of(new Finding(MismatchKind.AMOUNT_MISMATCH, Finding.orderSubject(order.orderId()),
                    subject(null, order), "a price from the tariff", order.total().toString(), null, null, null,
                    "Order " + order.orderId() + " cannot be repriced from its tariff: " + e.getMessage()));
        }
        if (repriced.equals(order.total())) {
            return Optional.empty();
        }
        Money difference = order.total().minus(repriced);
        return Optional.of(new Finding(MismatchKind.AMOUNT_MISMATCH, Finding.orderSubject(order.orderId()),
                subject(null, order), repriced.toString(), order.total().toString(), difference.toString(),
                difference, repriced, "Order " + order.orderId() + " totals " + order.total()
                        + ", its tariff and energy by segment price it at " + repriced));
    }

    private static Optional<Finding> duplicate(BilledOrder order, List<BilledOrder> siblings) {
        BilledOrder first = siblings.stream().min(FIRST_BILLED).orElse(order);
        if (first.rowId() != order.rowId()) {
            return Optional.of(new Finding(MismatchKind.DUPLICATE, Finding.orderSubject(order.orderId()),
                    subject(null, order), "one order for transaction " + order.transactionId(),
                    siblings.size() + " orders", null, order.total(),
                    order.total() == null ? null : Money.zero(order.total().currency()),
                    "Order " + order.orderId() + " bills transaction " + order.transactionId()
                            + " again; order " + first.orderId() + " billed it first"));
        }
        if (order.settlements() > 1) {
            return Optional.of(new Finding(MismatchKind.DUPLICATE, Finding.orderSubject(order.orderId()),
                    subject(null, order), "one debit", order.settlements() + " debits", null, null, null,
                    "Order " + order.orderId() + " was settled " + order.settlements() + " times"));
        }
        return Optional.empty();
    }

    /** A payment in the provider's statement was credited, with the same amount. */
    public static List<Finding> statementLine(StatementLine line, Optional<WalletCredit> credit) {
        Finding.Subject about = new Finding.Subject(null, null, null, null, null, line.paymentId(), line.topUpId());
        String subject = Finding.paymentSubject(line.paymentId());
        if (credit.isEmpty()) {
            return List.of(new Finding(MismatchKind.PAYMENT_MISSING, subject, about, line.amount().toString(),
                    "none", line.amount().toString(), line.amount(), null, "Payment " + line.paymentId()
                            + " (top-up " + line.topUpId() + ") was collected and never credited"));
        }
        Money credited = credit.get().amount();
        if (credited.equals(line.amount())) {
            return List.of();
        }
        boolean comparable = credited.currency().equals(line.amount().currency());
        return List.of(new Finding(MismatchKind.PAYMENT_AMOUNT_MISMATCH, subject, about, line.amount().toString(),
                credited.toString(), comparable ? credited.minus(line.amount()).toString() : null,
                comparable ? credited.minus(line.amount()) : null, null, "Payment " + line.paymentId()
                        + " was collected as " + line.amount() + " and credited as " + credited));
    }

    /** A top-up credited in the statement's period that the statement does not have. */
    public static Finding unknownCredit(WalletCredit credit) {
        return new Finding(MismatchKind.PAYMENT_UNKNOWN, Finding.topUpSubject(credit.topUpId()),
                new Finding.Subject(null, null, null, null, null, credit.paymentId(), credit.topUpId()), "none",
                credit.amount().toString(), credit.amount().toString(), credit.amount(), null,
                "Top-up " + credit.topUpId() + " (payment " + credit.paymentId() + ") was credited "
                        + credit.amount() + " and is not in the provider's statement");
    }

    private static Finding.Subject subject(ChargerTransaction tx, BilledOrder order) {
        String operator = order != null && order.operatorCode() != null ? order.operatorCode()
                : tx == null ? null : tx.operatorCode();
        return new Finding.Subject(operator, tx != null ? tx.chargePointId() : order.chargePointId(),
                tx != null ? Integer.valueOf(tx.transactionId()) : order.transactionId(),
                order != null && order.sessionId() != null ? order.sessionId() : tx == null ? null : tx.sessionId(),
                order == null ? null : order.orderId(), null, null);
    }

    private static String signed(long value) {
        return value > 0 ? "+" + value : Long.toString(value);
    }
}
