package com.evplatform.reconciliation.runs.application;

/** Runs a reconciliation run in the background, and takes one up again where it stopped. */
public interface RunLauncher {

    /** Starts the run's job; returns at once. */
    void launch(String runId);

    /** Continues a run whose process died (or that failed) from its last committed chunk. */
    void resume(String runId);
}
