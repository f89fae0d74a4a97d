package com.evplatform.device.ocpp.command;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.device.contract.ChargerCommand;
import com.evplatform.device.contract.DeviceEvent.CommandStatus;
import com.evplatform.device.contract.DeviceEvents;
import com.evplatform.device.ocpp.server.ConnectedChargers;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ReturnDefinition;

/** device.commands: taken from this instance's own queue; an admin command nobody can deliver fails at once. */
@Configuration(proxyBeanMethods = false)
class CommandMessaging {

    @Bean
    ConsumerDefinition chargerCommandsConsumer(ChargerCommands commands) {
        return ConsumerDefinition.named(ConnectedChargers.COMMANDS_CONSUMER).from(DeviceEvents.COMMANDS)
                .on(DeviceEvents.COMMAND, message -> commands.execute(message.payload(), message.envelope().occurredAt()))
                .perInstance()
                .build();
    }

    /** The charger went offline between the admin's request and its delivery: the same outcome as any other. */
    @Bean
    ReturnDefinition<ChargerCommand> undeliverableAdminCommands(ChargerCommands commands) {
        return ReturnDefinition.on(DeviceEvents.COMMAND, message -> commands.finish(message.payload(),
                CommandStatus.FAILED, Map.of("reason", "CHARGER_OFFLINE")));
    }
}
