package com.evplatform.auth.account.model;

/** What a user may do: drive and pay, run one operator's stations, or run the platform. */
public enum Role {
    DRIVER,
    OPERATOR,
    ADMIN
}
