package com.evplatform.auth.contract;

import java.util.List;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/** auth-service's published contract: the exchange and one message kind per {@link AuthEvent}. */
public final class AuthEvents {

    /** Few events, no ordering needed across accounts; what nobody takes yet is kept, not retried. */
    public static final ExchangeDefinition EXCHANGE = ExchangeDefinition.topic("auth.events", 1).keepingUnrouted();

    public static final MessageType<AuthEvent.UserRegistered> USER_REGISTERED =
            MessageType.of("auth.user-registered", AuthEvent.UserRegistered.class);
    public static final MessageType<AuthEvent.OperatorCreated> OPERATOR_CREATED =
            MessageType.of("auth.operator-created", AuthEvent.OperatorCreated.class);

    public static final List<MessageType<? extends AuthEvent>> ALL = List.of(USER_REGISTERED, OPERATOR_CREATED);

    private AuthEvents() {
    }

    public static MessageType<? extends AuthEvent> kindOf(AuthEvent event) {
        return switch (event) {
            case AuthEvent.UserRegistered e -> USER_REGISTERED;
            case AuthEvent.OperatorCreated e -> OPERATOR_CREATED;
        };
    }
}
