package com.evplatform.simulator;

/**
 * How a simulated charge point answers RemoteStartTransaction, so tests can exercise the platform's
 * handling of chargers that refuse, stall or start late.
 */
public enum RemoteStartBehaviour {
    /** Answers Accepted and starts the transaction at once. */
    ACCEPT,
    /** Answers Rejected. */
    REJECT,
    /** Answers Accepted but never sends StartTransaction. */
    ACCEPT_NEVER_START,
    /** Answers Accepted and sends StartTransaction only after {@link SimulatorConfig#remoteStartDelay()}. */
    ACCEPT_START_LATE
}
