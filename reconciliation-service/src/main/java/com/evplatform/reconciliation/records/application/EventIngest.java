package com.evplatform.reconciliation.records.application;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;

import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.messaging.InboundMessage;
import com.evplatform.order.contract.OrderEvent;

/**
 * Turns a batch of device and order events into one set of changes to reconciliation's store.
 * The messaging library calls it inside the batch's transaction, after it recorded the batch's
 * message ids in the inbox, so a redelivered batch changes nothing twice.
 */
@Service
public class EventIngest {

    private final RecordStore store;
    private final Clock clock;

    public EventIngest(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void apply(List<InboundMessage<?>> messages) {
        RecordChanges changes = new RecordChanges();
        for (InboundMessage<?> message : messages) {
            switch (message.payload()) {
                case DeviceEvent.TransactionStarted e -> changes.started().add(e);
                case DeviceEvent.TransactionStopped e -> changes.stopped().add(e);
                case OrderEvent.OrderOpened e -> changes.opened().add(e);
                case OrderEvent.OrderSettled e -> changes.priced().add(PricedOrder.of(e));
                case OrderEvent.OrderUnpaid e -> changes.priced().add(PricedOrder.of(e));
                case OrderEvent.OrderPaid e -> changes.paid().add(e);
                case OrderEvent.OrderAdjusted e -> changes.adjusted().add(e);
                case OrderEvent.OrderRefunded e -> changes.refunded().add(e);
                case OrderEvent.WalletCredited e -> changes.credited().add(e);
                default -> throw new IllegalArgumentException(
                        "reconciliation does not ingest " + message.envelope().type());
            }
        }
        if (!changes.isEmpty()) {
            store.apply(changes, clock.instant());
        }
    }
}
