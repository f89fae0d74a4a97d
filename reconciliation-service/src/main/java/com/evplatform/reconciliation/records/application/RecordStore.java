package com.evplatform.reconciliation.records.application;

import java.time.Instant;

/**
 * Where reconciliation keeps its copy of transactions, orders and credits. Every change merges
 * (a late start never undoes a stop) and stamps the row's changed-at, so the next run sees it.
 */
public interface RecordStore {

    /** Applies a batch in the caller's transaction, with as few statements as the batch allows. */
    void apply(RecordChanges changes, Instant now);
}
