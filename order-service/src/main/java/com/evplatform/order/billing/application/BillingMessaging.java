package com.evplatform.order.billing.application;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.order.contract.OrderEvents;
import com.evplatform.reconciliation.contract.ReconciliationEvents;

/**
 * order-service's messaging: session events from charging-service (one consumer per partition,
 * so a session's events are applied one at a time in publishing order; no per-aggregate version
 * check, as this consumer takes only some of a session's message types), reconciliation's
 * adjustments, its own published exchange with the delays of its unpaid-order timers, and the
 * consumer of those timers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingMessaging {

    @Bean
    static ExchangeDefinition orderEvents(BillingProperties properties) {
        return OrderEvents.EXCHANGE.withDelays(UnpaidOrders.delays(properties).toArray(java.time.Duration[]::new));
    }

    @Bean
    ConsumerDefinition chargingEventsConsumer(SettlingOrders settling) {
        return ConsumerDefinition.named("order.charging-events").from(ChargingEvents.EXCHANGE)
                .on(ChargingEvents.SESSION_STARTED, message -> settling.sessionStarted(message.payload()))
                .on(ChargingEvents.SESSION_COMPLETED, message -> settling.sessionCompleted(message.payload()))
                .build();
    }

    /** Not ordered: each adjustment is applied once by its id, whatever arrives in between. */
    @Bean
    ConsumerDefinition reconciliationAdjustmentsConsumer(AdjustingOrders adjusting) {
        return ConsumerDefinition.named("order.reconciliation-adjustments").from(ReconciliationEvents.EXCHANGE)
                .on(ReconciliationEvents.ADJUSTMENT_REQUESTED,
                        message -> adjusting.adjustmentRequested(message.payload()))
                .build();
    }

    @Bean
    ConsumerDefinition timersConsumer(UnpaidOrders unpaid, ExchangeDefinition orderEvents) {
        return ConsumerDefinition.named("order.timers").from(orderEvents)
                .on(BillingEvents.REMINDER_DUE, message -> unpaid.reminderDue(message.payload()))
                .on(BillingEvents.DEADLINE_DUE, message -> unpaid.deadlineDue(message.payload()))
                .build();
    }
}
