package com.evplatform.reconciliation.runs.model;

/**
 * OPEN until someone or later data settles it: RESOLVED (adjusted, or no longer true when a run
 * checked it again) or ACCEPTED (an operator accepted the difference as it is).
 */
public enum MismatchStatus {
    OPEN, RESOLVED, ACCEPTED
}
