package com.evplatform.device.registry.application;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.auth.contract.AuthEvents;
import com.evplatform.messaging.ConsumerDefinition;

/** Keeps the operators auth-service announces, so stations can name theirs to drivers. */
@Configuration(proxyBeanMethods = false)
class OperatorDirectory {

    @Bean
    ConsumerDefinition operatorEvents(OperatorsAndTariffs tables) {
        return ConsumerDefinition.named("device.operators").from(AuthEvents.EXCHANGE)
                .on(AuthEvents.OPERATOR_CREATED,
                        message -> tables.upsertOperator(message.payload().code(), message.payload().name()))
                .build();
    }
}
