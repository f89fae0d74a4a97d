package com.evplatform.order.billing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;

/** The money rules of a reconciliation adjustment, on orders in every priced state. */
class OrderAdjustmentTest {

    private static final TariffSnapshot TARIFF = new TariffSnapshot("CNY", List.of(
            new TariffSnapshot.Segment("00:00", new BigDecimal("0.60"), new BigDecimal("0.40"))));
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void a_lower_total_on_a_settled_order_gives_the_difference_back_to_the_wallet() {
        Order.Adjusted adjusted = settled("10.50").adjust(cny("10.20"), cny("0.00"));

        assertThat(adjusted.difference()).isEqualTo(cny("-0.30"));
        assertThat(adjusted.toWallet()).isEqualTo(cny("0.30"));
        assertAmounts(adjusted.order(), "10.20", "10.20", "0.00", "0.00");
        assertThat(adjusted.order().status()).isEqualTo(OrderStatus.ADJUSTED);
    }

    @Test
    void a_higher_total_is_taken_from_the_wallet_when_it_holds_enough() {
        Order.Adjusted adjusted = settled("10.00").adjust(cny("12.00"), cny("5.00"));

        assertThat(adjusted.difference()).isEqualTo(cny("2.00"));
        assertThat(adjusted.toWallet()).isEqualTo(cny("-2.00"));
        assertAmounts(adjusted.order(), "12.00", "12.00", "0.00", "0.00");
    }

    @Test
    void a_higher_total_takes_what_the_wallet_holds_and_the_rest_becomes_due() {
        Order.Adjusted partly = settled("10.00").adjust(cny("12.00"), cny("0.50"));
        Order.Adjusted empty = settled("10.00").adjust(cny("12.00"), cny("0.00"));

        assertThat(partly.toWallet()).isEqualTo(cny("-0.50"));
        assertAmounts(partly.order(), "12.00", "10.50", "1.50", "0.00");
        assertThat(empty.toWallet()).isEqualTo(cny("0.00"));
        assertAmounts(empty.order(), "12.00", "10.00", "2.00", "0.00");
        assertThat(empty.order().status()).isEqualTo(OrderStatus.ADJUSTED);
    }

    @Test
    void a_lower_total_on_an_unpaid_order_first_reduces_what_is_due() {
        Order unpaid = priced("10.00").pay(cny("3.00")); // 7.00 due

        Order.Adjusted lessDue = unpaid.adjust(cny("5.00"), cny("0.00"));
        Order.Adjusted overpaid = unpaid.adjust(cny("2.00"), cny("0.00"));

        assertThat(lessDue.toWallet()).isEqualTo(cny("0.00"));
        assertAmounts(lessDue.order(), "5.00", "3.00", "2.00", "0.00");
        assertThat(overpaid.toWallet()).isEqualTo(cny("1.00"));
        assertAmounts(overpaid.order(), "2.00", "2.00", "0.00", "0.00");
    }

    @Test
    void money_refunded_before_counts_as_given_back_and_is_never_given_twice() {
        Order refunded = settled("10.00").refund(cny("8.00")); // 2.00 paid and kept

        Order.Adjusted small = refunded.adjust(cny("9.00"), cny("0.00"));
        Order.Adjusted large = refunded.adjust(cny("5.00"), cny("0.00"));

        assertThat(small.toWallet()).isEqualTo(cny("1.00"));
        assertAmounts(small.order(), "9.00", "9.00", "0.00", "8.00");
        assertThat(large.toWallet()).isEqualTo(cny("2.00"));
        assertAmounts(large.order(), "5.00", "5.00", "0.00", "5.00");
    }

    @Test
    void the_same_total_changes_no_money_and_marks_the_order_adjusted() {
        Order.Adjusted adjusted = priced("10.00").pay(cny("4.00")).overdue().adjust(cny("10.00"), cny("3.00"));

        assertThat(adjusted.difference()).isEqualTo(cny("0.00"));
        assertThat(adjusted.toWallet()).isEqualTo(cny("0.00"));
        assertAmounts(adjusted.order(), "10.00", "4.00", "6.00", "0.00");
        assertThat(adjusted.order().status()).isEqualTo(OrderStatus.ADJUSTED);
    }

    @Test
    void in_every_state_paid_plus_due_is_the_new_total_and_the_wallet_moves_by_what_the_driver_paid_net() {
        List<Order> orders = List.of(settled("10.00"), priced("10.00").pay(cny("3.00")),
                priced("10.00").pay(cny("0.00")), settled("10.00").refund(cny("10.00")),
                settled("10.00").refund(cny("2.50")), priced("10.00").pay(cny("6.00")).refund(cny("1.00")),
                priced("0.00").pay(cny("0.00")));
        for (Order order : orders) {
            for (String total : List.of("0.00", "0.01", "2.50", "6.99", "10.00", "10.01", "14.00", "40.00")) {
                for (String wallet : List.of("0.00", "1.00", "100.00")) {
                    Money balance = cny(wallet);
                    Order.Adjusted adjusted = order.adjust(cny(total), balance);
                    Order after = adjusted.order();
                    String state = order + " to " + total + " with " + wallet;

                    assertThat(after.paidAmount().plus(after.amountDue())).as(state).isEqualTo(cny(total));
                    assertThat(after.amountDue().isNegative()).as(state).isFalse();
                    assertThat(after.refundedAmount()).as(state).isLessThanOrEqualTo(after.paidAmount());
                    assertThat(adjusted.toWallet().negated()).as(state).isLessThanOrEqualTo(balance);
                    assertThat(adjusted.toWallet()).as(state)
                            .isLessThanOrEqualTo(order.paidAmount().minus(order.refundedAmount()));
                    assertThat(adjusted.toWallet()).as(state).isEqualTo(order.paidAmount()
                            .minus(order.refundedAmount()).minus(after.paidAmount().minus(after.refundedAmount())));
                    if (adjusted.difference().isNegative()) {
                        assertThat(adjusted.toWallet().isNegative()).as(state).isFalse();
                        assertThat(after.amountDue()).as(state).isLessThanOrEqualTo(order.amountDue());
                    } else {
                        assertThat(adjusted.toWallet().isPositive()).as(state).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void only_a_priced_order_in_its_own_currency_and_to_a_total_of_zero_or_more_can_be_adjusted() {
        assertThatThrownBy(() -> open().adjust(cny("1.00"), cny("0.00"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> settled("10.00").adjust(Money.of("9.00", "EUR"), cny("0.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settled("10.00").adjust(cny("-1.00"), cny("0.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_adjusted_order_with_money_due_stays_adjusted_while_it_is_paid() {
        Order owing = settled("10.00").adjust(cny("12.00"), cny("0.00")).order();

        Order partly = owing.pay(cny("0.50"));
        Order paid = partly.pay(cny("1.50"));

        assertThat(partly.status()).isEqualTo(OrderStatus.ADJUSTED);
        assertAmounts(partly, "12.00", "10.50", "1.50", "0.00");
        assertThat(paid.status()).isEqualTo(OrderStatus.ADJUSTED);
        assertAmounts(paid, "12.00", "12.00", "0.00", "0.00");
    }

    private static Order open() {
        return Order.open("order-1", "session-1", "driver-1", "OPER", "CP-1-1", "CP-1", 1, 42,
                NOW.minusSeconds(3600), 100_000, TARIFF, NOW.minusSeconds(3600));
    }

    /** Priced at {@code total}, nothing paid yet. */
    private static Order priced(String total) {
        Money money = cny(total);
        var bill = new Pricing.Bill(List.of(), EnergyWh.of(10_000), money, Money.zero(money.currency()), money);
        return open().price(bill, 110_000, NOW.minusSeconds(60), "USER", NOW.minusSeconds(60));
    }

    private static Order settled(String total) {
        return priced(total).pay(cny(total));
    }

    private static void assertAmounts(Order order, String total, String paid, String due, String refunded) {
        assertThat(List.of(order.totalAmount(), order.paidAmount(), order.amountDue(), order.refundedAmount()))
                .containsExactly(cny(total), cny(paid), cny(due), cny(refunded));
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }
}
