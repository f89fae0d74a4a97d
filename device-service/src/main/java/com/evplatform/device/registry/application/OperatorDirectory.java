package com.evplatform.device.registry.application;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.device.registry.infrastructure.RegistryTables;
import com.evplatform.messaging.ConsumerDefinition;
import com.evplatform.messaging.ExchangeDefinition;

/** Keeps the operators auth-service announces, so stations can name theirs to drivers. */
@Configuration(proxyBeanMethods = false)
class OperatorDirectory {

    /** auth-service's events exchange, declared here exactly as auth-service declares it. */
    static final ExchangeDefinition AUTH_EVENTS = ExchangeDefinition.topic("auth.events", 1).keepingUnrouted();

    record OperatorCreated(String code, String name) {
    }

    @Bean
    ConsumerDefinition operatorEvents(RegistryTables tables) {
        return ConsumerDefinition.named("device.operators").from(AUTH_EVENTS)
                .on("auth.operator-created", OperatorCreated.class,
                        message -> tables.upsertOperator(message.payload().code(), message.payload().name()))
                .build();
    }
}
