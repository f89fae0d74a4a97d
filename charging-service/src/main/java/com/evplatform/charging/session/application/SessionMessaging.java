package com.evplatform.charging.session.application;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.charging.contract.ChargingEvents;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvents;
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
        return ChargingEvents.EXCHANGE.withDelays(properties.startTimeout(), properties.stopTimeout());
    }

    @Bean
    static ExchangeDefinition deviceCommands() {
        return DeviceEvents.COMMANDS;
    }

    @Bean
    ConsumerDefinition deviceEventsConsumer(SessionUpdates updates) {
        return ConsumerDefinition.named("charging.device-events").from(DeviceEvents.EXCHANGE)
                .on(DeviceEvents.TRANSACTION_STARTED, message -> updates.transactionStarted(message.payload()))
                .on(DeviceEvents.METER_VALUES, message -> updates.meterValues(message.payload()))
                .on(DeviceEvents.TRANSACTION_STOPPED, message -> updates.transactionStopped(message.payload()))
                .on(DeviceEvents.COMMAND_RESULT, message -> updates.commandResult(message.payload()))
                .build();
    }

    @Bean
    ConsumerDefinition timeoutsConsumer(SessionUpdates updates, ExchangeDefinition chargingEvents) {
        return ConsumerDefinition.named("charging.timeouts").from(chargingEvents)
                .on(StartingSessions.START_TIMEOUT, message -> updates.startTimedOut(message.payload()))
                .on(SessionUpdates.STOP_TIMEOUT, message -> updates.stopTimedOut(message.payload()))
                .on(SessionUpdates.LATE_STOP_CHECK, message -> updates.lateStopChecked(message.payload()))
                .build();
    }

    @Bean
    ReturnDefinition<ChargerCommand> returnedCommands(SessionUpdates updates) {
        return ReturnDefinition.on(DeviceEvents.COMMAND, message -> updates.startReturned(message.payload()));
    }
}
