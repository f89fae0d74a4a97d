package com.evplatform.auth.account.application;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.evplatform.auth.account.model.User;
import com.evplatform.messaging.ExchangeDefinition;
import com.evplatform.messaging.OutgoingMessage;

/** The user events auth-service publishes (a wallet is opened for every new driver, for example). */
@Configuration(proxyBeanMethods = false)
public class AccountEvents {

    /** No service subscribes yet: what nobody takes is kept in auth.events.unrouted, not retried. */
    public static final ExchangeDefinition AUTH_EVENTS = ExchangeDefinition.topic("auth.events", 1)
            .keepingUnrouted();
    public static final String USER_REGISTERED = "auth.user-registered";
    public static final String OPERATOR_CREATED = "auth.operator-created";

    /** Payload of {@value #OPERATOR_CREATED}: device-service shows the name to drivers. */
    public record OperatorCreated(String code, String name) {
    }

    /** Payload of {@value #USER_REGISTERED}. */
    public record UserRegistered(String userId, String username, String role, String operatorCode) {
    }

    @Bean
    ExchangeDefinition authEvents() {
        return AUTH_EVENTS;
    }

    static OutgoingMessage created(com.evplatform.auth.account.model.Operator operator) {
        return OutgoingMessage.to(AUTH_EVENTS.name()).type(OPERATOR_CREATED).aggregate("operator:" + operator.code())
                .payload(new OperatorCreated(operator.code(), operator.name()));
    }

    static OutgoingMessage registered(User user) {
        return OutgoingMessage.to(AUTH_EVENTS.name()).type(USER_REGISTERED).aggregate("user:" + user.id())
                .payload(new UserRegistered(user.id(), user.username(), user.role().name(),
                        user.operatorCode().orElse(null)));
    }
}
