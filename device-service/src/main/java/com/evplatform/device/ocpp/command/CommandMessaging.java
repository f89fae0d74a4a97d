package com.evplatform.device.ocpp.command;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvent.CommandStatus;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.OcppProperties;
import com.evplatform.device.ocpp.server.ConnectedChargers;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ReturnDefinition;

/**
 * device.commands: taken from this instance's own queue; an admin command nobody can deliver
 * fails at once; one left in the queue of an instance that went away is answered by any other.
 */
@Configuration(proxyBeanMethods = false)
class CommandMessaging {

    /** Commands no instance took in time (the instance that held the charger crashed, stopped or is stuck). */
    static final String UNDELIVERED_CONSUMER = "device.commands.undelivered";

    @Bean
    ConsumerDefinition chargerCommandsConsumer(ChargerCommands commands, OcppProperties properties) {
        return ConsumerDefinition.named(ConnectedChargers.COMMANDS_CONSUMER).from(DeviceEvents.COMMANDS)
                .on(DeviceEvents.COMMAND, message -> commands.execute(message.payload(), message.envelope().occurredAt()))
                .perInstance()
                .undeliveredTo(UNDELIVERED_CONSUMER, properties.commandQueueWait())
                .build();
    }

    /** Read by every instance: a command left in a gone instance's queue still gets its answer. */
    @Bean
    ConsumerDefinition undeliveredCommandsConsumer(ChargerCommands commands) {
        return ConsumerDefinition.named(UNDELIVERED_CONSUMER).from(DeviceEvents.COMMANDS)
                .on(DeviceEvents.COMMAND, message -> commands.undelivered(message.payload()))
                .build();
    }

    /** The charger went offline between the admin's request and its delivery: the same outcome as any other. */
    @Bean
    ReturnDefinition<ChargerCommand> undeliverableAdminCommands(ChargerCommands commands) {
        return ReturnDefinition.on(DeviceEvents.COMMAND, message -> commands.finish(message.payload(),
                CommandStatus.FAILED, Map.of("reason", "CHARGER_OFFLINE")));
    }
}
