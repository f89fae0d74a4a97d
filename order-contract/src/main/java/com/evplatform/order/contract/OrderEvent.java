package com.evplatform.order.contract;

import java.time.Instant;
import java.util.List;

import com.evplatform.charging.contract.Pricing;
import com.evplatform.charging.contract.TariffSnapshot;
import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * What order-service publishes about orders and wallets on {@link OrderEvents#EXCHANGE}:
 * order events partitioned by order, wallet events by driver. Amounts are exact {@link Money}.
 */
public sealed interface OrderEvent {

    /** The partition key and aggregate of the event. */
    String aggregateId();

    /** A session reached CHARGING: its order is open, priced when the session completes. */
    record OrderOpened(String orderId, String sessionId, String userId, String operatorCode, String chargePointId,
            int connectorId, int transactionId, Instant startedAt) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /**
     * Priced and paid in full from the wallet. The last six fields are what the price was computed
     * from, so that it can be recomputed ({@code Pricing.reprice(tariff, lines)}) and the energy
     * compared with the meter. A message from before they were added has them null, and 0 for the
     * meter readings: Jackson refuses a missing primitive unless told to take it as empty, and such a
     * message must still decode (ADR 9).
     *
     * @param tariff the tariff snapshotted when the session was requested
     * @param lines the energy by time-of-use segment and each line's amount, as billed
     */
    record OrderSettled(String orderId, String sessionId, String userId, String operatorCode, String chargePointId,
            int transactionId, EnergyWh energyWh, Money total, Money paid, Instant settledAt,
            @JsonSetter(nulls = Nulls.AS_EMPTY) long meterStartWh, @JsonSetter(nulls = Nulls.AS_EMPTY) long meterStopWh,
            Instant startedAt, Instant stoppedAt, TariffSnapshot tariff, List<Pricing.SegmentEnergy> lines)
            implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /**
     * Priced, and the wallet did not cover it: {@code amountDue} is owed. The last six fields are
     * those of {@link OrderSettled}: what the price was computed from.
     */
    record OrderUnpaid(String orderId, String sessionId, String userId, String operatorCode, String chargePointId,
            int transactionId, EnergyWh energyWh, Money total, Money paid, Money amountDue, Instant at,
            @JsonSetter(nulls = Nulls.AS_EMPTY) long meterStartWh, @JsonSetter(nulls = Nulls.AS_EMPTY) long meterStopWh,
            Instant startedAt, Instant stoppedAt, TariffSnapshot tariff, List<Pricing.SegmentEnergy> lines)
            implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /** An unpaid order paid (in part or in full) by a top-up; {@code amountDue} is what is still owed. */
    record OrderPaid(String orderId, String userId, Money amount, Money amountDue, String topUpId, Instant at)
            implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /** Still unpaid at the payment deadline. */
    record OrderOverdue(String orderId, String userId, Money amountDue, Instant at) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /** A reminder to pay an unpaid order, sent after each configured delay. */
    record PaymentReminder(String orderId, String userId, Money amountDue, int reminder, Instant at)
            implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /**
     * A priced order's total corrected by reconciliation ({@code adjustmentId}, once each).
     * {@code difference} = the new {@code total} - the old one; what moved to or from the wallet for
     * it is a ledger entry of type ADJUSTMENT (with a {@link WalletCredited} for money in), the rest
     * changed the amount due.
     */
    record OrderAdjusted(String orderId, String userId, String adjustmentId, Money difference, Money total,
            String reason, Instant at) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /** Money paid for an order given back to the driver's wallet. */
    record OrderRefunded(String orderId, String userId, String operatorCode, String reference, Money amount,
            Money refundedTotal, String reason, Instant at) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /**
     * Money into a driver's wallet: a top-up the provider collected ({@code topUpId}, {@code paymentId}),
     * an admin credit, a refund or an adjustment ({@code reference}).
     *
     * @param at when order-service credited the wallet (its own clock)
     * @param providerOccurredAt for a top-up, when the payment happened at the provider (the
     *        {@code occurredAt} of its notice, which its statements are dated by); null otherwise
     */
    record WalletCredited(String userId, String entryId, String type, Money amount, Money balanceAfter,
            String topUpId, String paymentId, String reference, Instant at, Instant providerOccurredAt)
            implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.walletAggregate(userId);
        }
    }
}
