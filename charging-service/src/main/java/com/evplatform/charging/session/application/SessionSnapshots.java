package com.evplatform.charging.session.application;

import java.util.Optional;
import java.util.function.Consumer;

/** Port: the latest view of each session, kept outside the database for fast reads and pushed to watchers. */
public interface SessionSnapshots {

    /** A session's view as of one version of its row. */
    record Snapshot(long version, String json) {
    }

    /** Stores the view unless a newer version's view is already stored, and tells the session's watchers. */
    void put(String sessionId, long version, String json);

    Optional<Snapshot> get(String sessionId);

    /**
     * Calls {@code listener} with every snapshot stored for the session from now on, by any
     * instance, until the subscription is closed. Delivery is best effort (a watcher may miss one
     * while the store is away, and may see them out of order): watchers compare versions and
     * re-read now and then.
     */
    Subscription watch(String sessionId, Consumer<Snapshot> listener);

    /** A watch to end. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
