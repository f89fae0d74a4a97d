package com.evplatform.reconciliation.runs.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.evplatform.reconciliation.records.model.BilledOrder;
import com.evplatform.reconciliation.records.model.ChargerTransaction;
import com.evplatform.reconciliation.records.model.WalletCredit;

class ChecksTest {

    static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40")),
            new TariffSnapshot.Segment("08:00", new BigDecimal("1.20"), new BigDecimal("0.60"))), "UTC");
    static final Instant START = Instant.parse("2031-05-01T07:30:00Z");
    static final Instant STOP = Instant.parse("2031-05-01T08:30:00Z");

    static ChargerTransaction tx(long energyWh) {
        return new ChargerTransaction(42, "CP-1", 1, "GREENVOLT", "s-1", 10_000, 10_000 + energyWh, START, STOP);
    }

    static List<Pricing.SegmentEnergy> lines(long energyWh) {
        return Pricing.bill(TARIFF, ZoneOffset.UTC, new Pricing.Reading(START, 10_000),
                new Pricing.Reading(STOP, 10_000 + energyWh), List.of()).lines();
    }

    static BilledOrder order(String id, long rowId, long energyWh, Money total, int settlements, Instant startedAt) {
        return new BilledOrder(rowId, id, "s-1", "GREENVOLT", "CP-1", 42, "SETTLED", total, EnergyWh.of(energyWh),
                10_000L, 10_000 + energyWh, startedAt, STOP, TARIFF, lines(energyWh), settlements);
    }

    static BilledOrder fair(String id, long rowId, long energyWh) {
        return order(id, rowId, energyWh, Pricing.reprice(TARIFF, lines(energyWh)).total(), 1, START);
    }

    static List<MismatchKind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    @Test
    void a_transaction_with_its_order_matches() {
        assertThat(Checks.transaction(tx(7_500), true)).isEmpty();
        assertThat(Checks.order(fair("o-1", 1, 7_500), Optional.of(tx(7_500)), List.of(fair("o-1", 1, 7_500)),
                ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void energy_without_an_order_is_a_missing_order_and_no_energy_is_not() {
        Finding finding = Checks.transaction(tx(7_500), false).getFirst();
        assertThat(finding.kind()).isEqualTo(MismatchKind.MISSING_ORDER);
        assertThat(finding.subject()).isEqualTo("tx:42");
        assertThat(finding.about().operatorCode()).isEqualTo("GREENVOLT");
        assertThat(finding.adjustTo()).as("there is no order to adjust").isNull();
        assertThat(Checks.transaction(tx(0), false)).isEmpty();
    }

    @Test
    void an_order_without_a_transaction_is_an_orphan_adjusted_to_nothing() {
        Finding finding = Checks.order(fair("o-1", 1, 7_500), Optional.empty(), List.of(fair("o-1", 1, 7_500)),
                ZoneOffset.UTC).getFirst();
        assertThat(finding.kind()).isEqualTo(MismatchKind.ORPHAN_ORDER);
        assertThat(finding.adjustTo()).isEqualTo(Money.of("0.00", "CNY"));
    }

    @Test
    void billed_energy_other_than_metered_is_an_energy_mismatch_priced_at_the_metered_energy() {
        BilledOrder billed = fair("o-1", 1, 8_000);
        List<Finding> findings = Checks.order(billed, Optional.of(tx(7_500)), List.of(billed), ZoneOffset.UTC);
        assertThat(kinds(findings)).containsExactly(MismatchKind.ENERGY_MISMATCH);
        Finding finding = findings.getFirst();
        assertThat(finding.difference()).isEqualTo("+500 Wh");
        Money fairPrice = Pricing.reprice(TARIFF, lines(7_500)).total();
        assertThat(finding.adjustTo()).isEqualTo(fairPrice);
        assertThat(finding.amountDifference()).isEqualTo(billed.total().minus(fairPrice));
    }

    @Test
    void a_total_other_than_the_repriced_lines_is_an_amount_mismatch() {
        Money repriced = Pricing.reprice(TARIFF, lines(7_500)).total();
        BilledOrder order = order("o-1", 1, 7_500, repriced.plus(Money.of("0.01", "CNY")), 1, START);
        List<Finding> findings = Checks.order(order, Optional.of(tx(7_500)), List.of(order), ZoneOffset.UTC);
        assertThat(kinds(findings)).containsExactly(MismatchKind.AMOUNT_MISMATCH);
        assertThat(findings.getFirst().adjustTo()).isEqualTo(repriced);
        assertThat(findings.getFirst().amountDifference()).isEqualTo(Money.of("0.01", "CNY"));
    }

    @Test
    void of_two_orders_for_one_transaction_the_later_session_is_the_duplicate_whatever_arrived_first() {
        BilledOrder original = fair("o-1", 7, 7_500);
        BilledOrder second = order("o-2", 3, 7_500, original.total(), 1, START.plusSeconds(60));
        List<BilledOrder> both = List.of(original, second);
        assertThat(Checks.order(original, Optional.of(tx(7_500)), both, ZoneOffset.UTC)).isEmpty();
        assertThat(kinds(Checks.order(second, Optional.of(tx(7_500)), both, ZoneOffset.UTC)))
                .containsExactly(MismatchKind.DUPLICATE);
        assertThat(Checks.transaction(tx(7_500), !both.isEmpty())).as("the transaction has its order").isEmpty();
    }

    @Test
    void an_order_debited_twice_is_a_duplicate_that_cannot_be_adjusted() {
        BilledOrder twice = order("o-1", 1, 7_500, fair("o-1", 1, 7_500).total(), 2, START);
        Finding finding = Checks.order(twice, Optional.of(tx(7_500)), List.of(twice), ZoneOffset.UTC).getFirst();
        assertThat(finding.kind()).isEqualTo(MismatchKind.DUPLICATE);
        assertThat(finding.adjustTo()).isNull();
    }

    @Test
    void statement_lines_are_compared_with_credits() {
        Money fifty = Money.of("50.00", "CNY");
        StatementLine line = new StatementLine(2, "pay-1", "tu-1", fifty, START);
        WalletCredit credit = new WalletCredit("e-1", "u-1", "TOP_UP", fifty, "tu-1", "pay-1", START, START);
        assertThat(Checks.statementLine(line, Optional.of(credit))).isEmpty();
        assertThat(kinds(Checks.statementLine(line, Optional.empty())))
                .containsExactly(MismatchKind.PAYMENT_MISSING);
        var different = new WalletCredit("e-1", "u-1", "TOP_UP", Money.of("49.00", "CNY"), "tu-1", "pay-1", START,
                START);
        Finding mismatch = Checks.statementLine(line, Optional.of(different)).getFirst();
        assertThat(mismatch.kind()).isEqualTo(MismatchKind.PAYMENT_AMOUNT_MISMATCH);
        assertThat(mismatch.amountDifference()).isEqualTo(Money.of("-1.00", "CNY"));
        assertThat(Checks.unknownCredit(credit).subject()).isEqualTo("top-up:tu-1");
    }
}
