package com.evplatform.charging.session.application;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ExchangeDefinition;
import com.evplatform.messaging.ReturnDefinition;

/**
 * charging-service's messaging: what it consumes from device-service (in order per charger:
 * device.events is partitioned by charge point, one active consumer per partition; no
 * per-aggregate version check, as this consumer takes only some of a charger's event types
 * and would see every skipped type as a gap),
 * its own timeouts (delay queues on {@code charging.events}, not a database scan), and the
 * remote starts the broker returns because no instance holds the charger.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChargingProperties.class)
class SessionMessaging {

    /** Session events, partitioned by session; kept aside until order-service subscribes. */
    @Bean
    static ExchangeDefinition chargingEvents(ChargingProperties properties) {
        return ExchangeDefinition.topic("charging.events", 4, properties.startTimeout(), properties.stopTimeout())
                .keepingUnrouted();
    }

    @Bean
    static ExchangeDefinition deviceCommands() {
        return DeviceContract.DEVICE_COMMANDS;
    }

    @Bean
    ConsumerDefinition deviceEventsConsumer(SessionUpdates updates) {
        return ConsumerDefinition.named("charging.device-events").from(DeviceContract.DEVICE_EVENTS)
                .on(DeviceContract.TRANSACTION_STARTED, DeviceContract.TransactionStarted.class,
                        message -> updates.transactionStarted(message.payload()))
                .on(DeviceContract.METER_VALUES, DeviceContract.MeterValuesReported.class,
                        message -> updates.meterValues(message.payload()))
                .on(DeviceContract.TRANSACTION_STOPPED, DeviceContract.TransactionStopped.class,
                        message -> updates.transactionStopped(message.payload()))
                .on(DeviceContract.COMMAND_RESULT, DeviceContract.CommandResult.class,
                        message -> updates.commandResult(message.payload()))
                .build();
    }

    @Bean
    ConsumerDefinition timeoutsConsumer(SessionUpdates updates, ExchangeDefinition chargingEvents) {
        return ConsumerDefinition.named("charging.timeouts").from(chargingEvents)
                .on(StartingSessions.START_TIMEOUT, StartingSessions.StartTimeout.class,
                        message -> updates.startTimedOut(message.payload()))
                .on(SessionUpdates.STOP_TIMEOUT, SessionUpdates.StopTimeout.class,
                        message -> updates.stopTimedOut(message.payload()))
                .build();
    }

    @Bean
    ReturnDefinition<DeviceContract.Command> returnedCommands(SessionUpdates updates) {
        return ReturnDefinition.on(DeviceContract.COMMAND, DeviceContract.Command.class,
                message -> updates.startReturned(message.payload()));
    }
}
