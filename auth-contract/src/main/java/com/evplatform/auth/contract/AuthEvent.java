package com.evplatform.auth.contract;

/** What auth-service tells other services about accounts, on {@link AuthEvents#EXCHANGE}. */
public sealed interface AuthEvent permits AuthEvent.UserRegistered, AuthEvent.OperatorCreated {

    /** A new account: a driver, an operator's user or an admin. */
    record UserRegistered(String userId, String username, String role, String operatorCode) implements AuthEvent {
    }

    /** A new operator: device-service shows its name to drivers. */
    record OperatorCreated(String code, String name) implements AuthEvent {
    }
}
