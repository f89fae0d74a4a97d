package com.evplatform.order.contract;

import java.time.Instant;

import com.evplatform.contract.EnergyWh;
import com.evplatform.contract.Money;

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

    /** Priced and paid in full from the wallet. */
    record OrderSettled(String orderId, String sessionId, String userId, String operatorCode, String chargePointId,
            int transactionId, EnergyWh energyWh, Money total, Money paid, Instant settledAt) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.orderAggregate(orderId);
        }
    }

    /** Priced, and the wallet did not cover it: {@code amountDue} is owed. */
    record OrderUnpaid(String orderId, String sessionId, String userId, String operatorCode, String chargePointId,
            int transactionId, EnergyWh energyWh, Money total, Money paid, Money amountDue, Instant at)
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

    /** Changed after settlement by reconciliation: the difference went to or came from the wallet. */
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
     * an admin credit or a refund ({@code reference}).
     */
    record WalletCredited(String userId, String entryId, String type, Money amount, Money balanceAfter,
            String topUpId, String paymentId, String reference, Instant at) implements OrderEvent {
        @Override
        public String aggregateId() {
            return OrderEvents.walletAggregate(userId);
        }
    }
}
