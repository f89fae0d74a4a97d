package com.evplatform.reconciliation.records.application;

import java.util.ArrayList;
import java.util.List;

import com.evplatform.device.contract.DeviceEvent;
import com.evplatform.order.contract.OrderEvent;

/**
 * One batch of events sorted by what they change, in the order a store applies them: a
 * transaction's start before its stop, an order's opening before its pricing, pricing before
 * an adjustment. Events of one aggregate arrive in order on their partition; events of a
 * transaction and of its order come from two producers in any order, which the store's
 * merge rules absorb.
 */
public record RecordChanges(List<DeviceEvent.TransactionStarted> started, List<DeviceEvent.TransactionStopped> stopped,
        List<OrderEvent.OrderOpened> opened, List<PricedOrder> priced, List<OrderEvent.OrderPaid> paid,
        List<OrderEvent.OrderAdjusted> adjusted, List<OrderEvent.OrderRefunded> refunded,
        List<OrderEvent.WalletCredited> credited) {

    public RecordChanges() {
        this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    public boolean isEmpty() {
        return started.isEmpty() && stopped.isEmpty() && opened.isEmpty() && priced.isEmpty() && paid.isEmpty()
                && adjusted.isEmpty() && refunded.isEmpty() && credited.isEmpty();
    }

    public int size() {
        return started.size() + stopped.size() + opened.size() + priced.size() + paid.size() + adjusted.size()
                + refunded.size() + credited.size();
    }
}
