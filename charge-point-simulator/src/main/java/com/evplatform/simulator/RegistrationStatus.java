package com.evplatform.simulator;

/** The central system's answer to the last BootNotification on the current connection. */
public enum RegistrationStatus {
    ACCEPTED,
    PENDING,
    REJECTED
}
