package com.evplatform.messaging.it;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Switches the test handlers' misbehaviour per key, so each test scripts its own faults. */
public class TestBehaviour {

    /** Keys whose handler throws as if a bug made them fail every time. */
    public final Set<String> brokenKeys = ConcurrentHashMap.newKeySet();
    /** Keys whose handler stalls (to be killed mid-message). */
    public final Set<String> stallingKeys = ConcurrentHashMap.newKeySet();

    /** Keys whose consumer stalls after its transaction committed, before the ack. */
    public final Set<String> stallingAfterCommitKeys = ConcurrentHashMap.newKeySet();

    /** Keys whose batch loses the broker connection after its transaction committed, before the ack (once). */
    public final Set<String> connectionLostAfterCommitKeys = ConcurrentHashMap.newKeySet();
    /** The keys of each batch the batch handler was given, in the order it was given them. */
    public final Queue<List<String>> batches = new ConcurrentLinkedQueue<>();

    public TestBehaviour(String stallingKey, String stallingAfterCommitKey) {
        if (stallingKey != null && !stallingKey.isBlank()) {
            stallingKeys.add(stallingKey);
        }
        if (stallingAfterCommitKey != null && !stallingAfterCommitKey.isBlank()) {
            stallingAfterCommitKeys.add(stallingAfterCommitKey);
        }
    }
}
