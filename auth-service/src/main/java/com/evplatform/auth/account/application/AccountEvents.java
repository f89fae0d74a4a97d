package com.evplatform.auth.account.application;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.auth.account.model.Operator;
import com.evplatform.auth.account.model.User;
import com.evplatform.auth.contract.AuthEvent;
import com.evplatform.auth.contract.AuthEvents;
import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.messaging.OutgoingMessage;

/** The account events auth-service publishes (auth-contract): a wallet is opened for every new driver, for example. */
@Configuration(proxyBeanMethods = false)
public class AccountEvents {

    @Bean
    ExchangeDefinition authEvents() {
        return AuthEvents.EXCHANGE;
    }

    static OutgoingMessage created(Operator operator) {
        return OutgoingMessage.to(AuthEvents.EXCHANGE).aggregate("operator:" + operator.code())
                .message(AuthEvents.OPERATOR_CREATED, new AuthEvent.OperatorCreated(operator.code(), operator.name()));
    }

    static OutgoingMessage registered(User user) {
        return OutgoingMessage.to(AuthEvents.EXCHANGE).aggregate("user:" + user.id())
                .message(AuthEvents.USER_REGISTERED, new AuthEvent.UserRegistered(user.id(), user.username(),
                        user.role().name(), user.operatorCode().orElse(null)));
    }
}
