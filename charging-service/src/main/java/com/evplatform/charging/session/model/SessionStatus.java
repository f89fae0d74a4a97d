package com.evplatform.charging.session.model;

/** STARTING -> CHARGING -> STOPPING -> COMPLETED, and FAILED from STARTING. */
public enum SessionStatus {
    STARTING, CHARGING, STOPPING, COMPLETED, FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
