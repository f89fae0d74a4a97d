package com.evplatform.reconciliation.records.application;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.order.contract.OrderEvents;

/**
 * reconciliation-service's two batch consumers: charger transactions from device.events, and
 * orders and credits from order.events. Each partition's messages are applied a batch per
 * transaction (common-messaging's batch mode); order between the two streams does not matter,
 * as the store merges.
 */
@Configuration(proxyBeanMethods = false)
class IngestMessaging {

    @Bean
    ConsumerDefinition deviceEventsConsumer(EventIngest ingest,
            @Value("${platform.reconciliation.ingest.batch-size:500}") int batchSize,
            @Value("${platform.reconciliation.ingest.batch-wait:200ms}") Duration batchWait) {
        return ConsumerDefinition.named("reconciliation.device-events").from(DeviceEvents.EXCHANGE)
                .accepting(DeviceEvents.TRANSACTION_STARTED)
                .accepting(DeviceEvents.TRANSACTION_STOPPED)
                .inBatches(batchSize, batchWait, ingest::apply)
                .build();
    }

    @Bean
    ConsumerDefinition orderEventsConsumer(EventIngest ingest,
            @Value("${platform.reconciliation.ingest.batch-size:500}") int batchSize,
            @Value("${platform.reconciliation.ingest.batch-wait:200ms}") Duration batchWait) {
        return ConsumerDefinition.named("reconciliation.order-events").from(OrderEvents.EXCHANGE)
                .accepting(OrderEvents.ORDER_OPENED)
                .accepting(OrderEvents.ORDER_SETTLED)
                .accepting(OrderEvents.ORDER_UNPAID)
                .accepting(OrderEvents.ORDER_PAID)
                .accepting(OrderEvents.ORDER_ADJUSTED)
                .accepting(OrderEvents.ORDER_REFUNDED)
                .accepting(OrderEvents.WALLET_CREDITED)
                .inBatches(batchSize, batchWait, ingest::apply)
                .build();
    }
}
