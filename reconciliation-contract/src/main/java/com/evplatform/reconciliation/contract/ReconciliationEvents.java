package com.evplatform.reconciliation.contract;

import java.util.List;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/** reconciliation-service's published contract: the exchange and one message kind per {@link ReconciliationEvent}. */
public final class ReconciliationEvents {

    /**
     * Partitioned by order. Not {@code keepingUnrouted()}: an adjustment moves money and must
     * reach order-service, so one that no queue takes is returned to the publishing outbox and
     * retried (then FAILED, for an admin to retry) instead of being parked where nobody reads it.
     */
    public static final ExchangeDefinition EXCHANGE = ExchangeDefinition.topic("reconciliation.events", 4);

    public static final MessageType<ReconciliationEvent.AdjustmentRequested> ADJUSTMENT_REQUESTED =
            MessageType.of("reconciliation.adjustment-requested", ReconciliationEvent.AdjustmentRequested.class);

    public static final List<MessageType<? extends ReconciliationEvent>> ALL = List.of(ADJUSTMENT_REQUESTED);

    private ReconciliationEvents() {
    }

    public static MessageType<? extends ReconciliationEvent> kindOf(ReconciliationEvent event) {
        return switch (event) {
            case ReconciliationEvent.AdjustmentRequested e -> ADJUSTMENT_REQUESTED;
        };
    }

    /** Partition key and aggregate of an order's reconciliation events. */
    public static String orderAggregate(String orderId) {
        return "order:" + orderId;
    }
}
