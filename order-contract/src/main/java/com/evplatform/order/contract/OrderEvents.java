package com.evplatform.order.contract;

import java.util.List;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/** order-service's published contract: the exchange and one message kind per {@link OrderEvent}. */
public final class OrderEvents {

    /** Partitioned by order (wallet events by driver); kinds nobody subscribes to yet are kept, not retried. */
    public static final ExchangeDefinition EXCHANGE = ExchangeDefinition.topic("order.events", 4).keepingUnrouted();

    public static final MessageType<OrderEvent.OrderOpened> ORDER_OPENED =
            MessageType.of("order.order-opened", OrderEvent.OrderOpened.class);
    public static final MessageType<OrderEvent.OrderSettled> ORDER_SETTLED =
            MessageType.of("order.order-settled", OrderEvent.OrderSettled.class);
    public static final MessageType<OrderEvent.OrderUnpaid> ORDER_UNPAID =
            MessageType.of("order.order-unpaid", OrderEvent.OrderUnpaid.class);
    public static final MessageType<OrderEvent.OrderPaid> ORDER_PAID =
            MessageType.of("order.order-paid", OrderEvent.OrderPaid.class);
    public static final MessageType<OrderEvent.OrderOverdue> ORDER_OVERDUE =
            MessageType.of("order.order-overdue", OrderEvent.OrderOverdue.class);
    public static final MessageType<OrderEvent.PaymentReminder> PAYMENT_REMINDER =
            MessageType.of("order.payment-reminder", OrderEvent.PaymentReminder.class);
    public static final MessageType<OrderEvent.OrderAdjusted> ORDER_ADJUSTED =
            MessageType.of("order.order-adjusted", OrderEvent.OrderAdjusted.class);
    public static final MessageType<OrderEvent.OrderRefunded> ORDER_REFUNDED =
            MessageType.of("order.order-refunded", OrderEvent.OrderRefunded.class);
    public static final MessageType<OrderEvent.WalletCredited> WALLET_CREDITED =
            MessageType.of("order.wallet-credited", OrderEvent.WalletCredited.class);

    public static final List<MessageType<? extends OrderEvent>> ALL = List.of(ORDER_OPENED, ORDER_SETTLED,
            ORDER_UNPAID, ORDER_PAID, ORDER_OVERDUE, PAYMENT_REMINDER, ORDER_ADJUSTED, ORDER_REFUNDED,
            WALLET_CREDITED);

    private OrderEvents() {
    }

    public static MessageType<? extends OrderEvent> kindOf(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderOpened e -> ORDER_OPENED;
            case OrderEvent.OrderSettled e -> ORDER_SETTLED;
            case OrderEvent.OrderUnpaid e -> ORDER_UNPAID;
            case OrderEvent.OrderPaid e -> ORDER_PAID;
            case OrderEvent.OrderOverdue e -> ORDER_OVERDUE;
            case OrderEvent.PaymentReminder e -> PAYMENT_REMINDER;
            case OrderEvent.OrderAdjusted e -> ORDER_ADJUSTED;
            case OrderEvent.OrderRefunded e -> ORDER_REFUNDED;
            case OrderEvent.WalletCredited e -> WALLET_CREDITED;
        };
    }

    public static String orderAggregate(String orderId) {
        return "order:" + orderId;
    }

    public static String walletAggregate(String userId) {
        return "wallet:" + userId;
    }
}
