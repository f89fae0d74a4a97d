package com.evplatform.order.billing.model;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.Money;

/**
 * A session's bill. Opened when the session reaches CHARGING, priced once from the tariff
 * snapshot and the energy by segment when it completes, then settled against the wallet.
 * paid + due = total once priced; a refund never exceeds what was paid. The transitions keep
 * these; nothing sets the amounts freely.
 */
public record Order(String id, String sessionId, String userId, OrderStatus status, String operatorCode,
        String connectorCode, String chargePointId, int connectorId, int transactionId, Instant startedAt,
        Instant stoppedAt, long meterStartWh, Long meterStopWh, long energyWh, Money electricityAmount,
        Money serviceAmount, Money totalAmount, Money paidAmount, Money amountDue, Money refundedAmount,
        TariffSnapshot tariff, List<Pricing.SegmentEnergy> lines, String stopReason, Instant openedAt,
        Instant pricedAt) {

    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A session just reached CHARGING. */
    public static Order open(String id, String sessionId, String userId, String operatorCode, String connectorCode,
            String chargePointId, int connectorId, int transactionId, Instant startedAt, long meterStartWh,
            TariffSnapshot tariff, Instant now) {
        Money zero = Money.zero(java.util.Currency.getInstance(tariff.currency()));
        return new Order(id, sessionId, userId, OrderStatus.CHARGING, operatorCode, connectorCode, chargePointId,
                connectorId, transactionId, startedAt, null, meterStartWh, null, 0, zero, zero, zero, zero, zero, zero,
                tariff, List.of(), null, now, null);
    }

    public boolean priced() {
        return pricedAt != null;
    }

    /** The bill, before any payment: the whole total is due. */
    public Order price(Pricing.Bill bill, long meterStopWh, Instant stoppedAt, String stopReason, Instant now) {
        if (priced()) {
            throw new IllegalStateException("order " + id + " is priced already");
        }
        return new Order(id, sessionId, userId, status, operatorCode, connectorCode, chargePointId, connectorId,
                transactionId, startedAt, stoppedAt, meterStartWh, meterStopWh, bill.energy().wh(),
                bill.electricityAmount(), bill.serviceAmount(), bill.total(), paidAmount, bill.total(), refundedAmount,
                tariff, bill.lines(), stopReason, openedAt, now);
    }

    /**
     * Money from the wallet towards what is due; SETTLED once nothing is due, else UNPAID (or still
     * OVERDUE). An ADJUSTED order stays ADJUSTED.
     */
    public Order pay(Money amount) {
        if (amount.isNegative() || amount.compareTo(amountDue) > 0) {
            throw new IllegalArgumentException("cannot pay " + amount + " of " + amountDue + " due on order " + id);
        }
        Money due = amountDue.minus(amount);
        OrderStatus next = status == OrderStatus.ADJUSTED ? status
                : due.isZero() ? OrderStatus.SETTLED
                : status == OrderStatus.OVERDUE ? OrderStatus.OVERDUE : OrderStatus.UNPAID;
        return with(next, paidAmount.plus(amount), due, refundedAmount);
    }

    /**
     * What an adjustment did.
     *
     * @param difference the new total minus the old one
     * @param toWallet what goes into the driver's wallet (positive) or comes out of it (negative);
     *        zero when the adjustment only changes what is due
     */
    public record Adjusted(Order order, Money difference, Money toWallet) {
    }

    /**
     * A priced order's total corrected to {@code newTotal} (reconciliation found it wrong); the order
     * becomes ADJUSTED and paid + due = total still holds.
     *
     * <ul>
     * <li>A lower total first reduces what is due; the rest is given back to the wallet, but only
     *     what the driver paid and was not refunded already: money refunded before counts as given
     *     back, and the refunded amount never exceeds the paid one.</li>
     * <li>A higher total is taken from the wallet as far as its {@code balance} goes; the rest is
     *     added to what is due.</li>
     * </ul>
     */
    public Adjusted adjust(Money newTotal, Money balance) {
        if (!priced()) {
            throw new IllegalStateException("order " + id + " is not priced yet");
        }
        if (newTotal.isNegative() || balance.isNegative()) {
            throw new IllegalArgumentException("cannot adjust order " + id + " to " + newTotal + " with a wallet of "
                    + balance);
        }
        Money difference = newTotal.minus(totalAmount);
        Money paid = paidAmount;
        Money due = amountDue;
        Money refunded = refundedAmount;
        if (difference.isNegative()) {
            Money reduction = difference.negated();
            Money dueCut = reduction.min(amountDue);
            due = amountDue.minus(dueCut);
            paid = paidAmount.minus(reduction.minus(dueCut));
            refunded = refundedAmount.min(paid);
        } else if (difference.isPositive()) {
            Money debit = difference.min(balance);
            paid = paidAmount.plus(debit);
            due = amountDue.plus(difference).minus(debit);
        }
        // What the driver has paid for the order in all, net of refunds, before and after.
        Money toWallet = paidAmount.minus(refundedAmount).minus(paid.minus(refunded));
        Order adjusted = new Order(id, sessionId, userId, OrderStatus.ADJUSTED, operatorCode, connectorCode,
                chargePointId, connectorId, transactionId, startedAt, stoppedAt, meterStartWh, meterStopWh, energyWh,
                electricityAmount, serviceAmount, newTotal, paid, due, refunded, tariff, lines, stopReason, openedAt,
                pricedAt);
        return new Adjusted(adjusted, difference, toWallet);
    }

    public Order overdue() {
        return with(OrderStatus.OVERDUE, paidAmount, amountDue, refundedAmount);
    }

    /** Money paid back to the wallet; never more than was paid and not yet refunded. */
    public Order refund(Money amount) {
        if (!amount.isPositive() || refundedAmount.plus(amount).compareTo(paidAmount) > 0) {
            throw new IllegalArgumentException("refund " + amount + " exceeds what was paid for order " + id);
        }
        return with(OrderStatus.ADJUSTED, paidAmount, amountDue, refundedAmount.plus(amount));
    }

    private Order with(OrderStatus next, Money paid, Money due, Money refunded) {
        return new Order(id, sessionId, userId, next, operatorCode, connectorCode, chargePointId, connectorId,
                transactionId, startedAt, stoppedAt, meterStartWh, meterStopWh, energyWh, electricityAmount,
                serviceAmount, totalAmount, paid, due, refunded, tariff, lines, stopReason, openedAt, pricedAt);
    }
}
