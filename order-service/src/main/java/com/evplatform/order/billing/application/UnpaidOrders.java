package com.evplatform.order.billing.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Service;

import com.evplatform.order.billing.model.Order;
import com.evplatform.order.billing.model.OrderStatus;
import com.evplatform.order.contract.OrderEvent;

/**
 * Reminders and the payment deadline of unpaid orders, driven by the messaging library's delay
 * queues (never by scanning the orders table): when an order becomes UNPAID, one delayed timer
 * per reminder and one for the deadline are published with it; a timer for an order paid since
 * does nothing.
 */
@Service
public class UnpaidOrders {

    private final Orders orders;
    private final BillingEvents events;
    private final BillingProperties properties;
    private final Clock clock;

    UnpaidOrders(Orders orders, BillingEvents events, BillingProperties properties, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** The delays the order exchange must declare: each reminder's and the deadline's. */
    public static List<Duration> delays(BillingProperties properties) {
        var delays = new java.util.ArrayList<>(properties.reminderDelays());
        if (!delays.contains(properties.paymentDeadline())) {
            delays.add(properties.paymentDeadline());
        }
        return delays.stream().distinct().toList();
    }

    void startTimers(Order order) {
        List<Duration> reminders = properties.reminderDelays();
        for (int i = 0; i < reminders.size(); i++) {
            events.later(BillingEvents.REMINDER_DUE, order.id(), new BillingEvents.ReminderDue(order.id(), i + 1),
                    reminders.get(i));
        }
        events.later(BillingEvents.DEADLINE_DUE, order.id(), new BillingEvents.DeadlineDue(order.id()),
                properties.paymentDeadline());
    }

    void reminderDue(BillingEvents.ReminderDue due) {
        orders.byId(due.orderId()).filter(order -> order.status().owing()).ifPresent(order ->
                events.publish(new OrderEvent.PaymentReminder(order.id(), order.userId(), order.amountDue(),
                        due.reminder(), clock.instant())));
    }

    void deadlineDue(BillingEvents.DeadlineDue due) {
        orders.lock(due.orderId()).filter(order -> order.status() == OrderStatus.UNPAID).ifPresent(order -> {
            Order overdue = order.overdue();
            orders.update(overdue);
            events.publish(new OrderEvent.OrderOverdue(overdue.id(), overdue.userId(), overdue.amountDue(),
                    clock.instant()));
        });
    }
}
