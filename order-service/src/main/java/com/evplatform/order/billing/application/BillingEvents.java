package com.evplatform.order.billing.application;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.evplatform.contract.MessageType;
import com.evplatform.messaging.Outbox;
import com.evplatform.messaging.OutgoingMessage;
import com.evplatform.order.contract.OrderEvent;
import com.evplatform.order.contract.OrderEvents;

/** Publishes order-service's events and its own timers through the outbox, in the caller's transaction. */
@Component
public class BillingEvents {

    /** Private timer: check an unpaid order again and remind its driver. */
    public record ReminderDue(String orderId, int reminder) {
    }

    /** Private timer: an unpaid order reaches its payment deadline. */
    public record DeadlineDue(String orderId) {
    }

    public static final MessageType<ReminderDue> REMINDER_DUE = MessageType.of("order.reminder-due",
            ReminderDue.class);
    public static final MessageType<DeadlineDue> DEADLINE_DUE = MessageType.of("order.deadline-due",
            DeadlineDue.class);

    private final Outbox outbox;

    BillingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void publish(OrderEvent event) {
        outbox.publish(OutgoingMessage.to(OrderEvents.EXCHANGE).aggregate(event.aggregateId())
                .messageOf(OrderEvents.kindOf(event), event));
    }

    public <T> void later(MessageType<T> kind, String orderId, T payload, Duration delay) {
        outbox.publish(OutgoingMessage.to(OrderEvents.EXCHANGE).aggregate(OrderEvents.orderAggregate(orderId))
                .delay(delay).message(kind, payload));
    }
}
