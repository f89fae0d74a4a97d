package com.evplatform.charging.session.application;

import java.util.Optional;

/** Port: the latest view of each session, kept outside the database for fast reads. */
public interface SessionSnapshots {

    /** A session's view as of one version of its row. */
    record Snapshot(long version, String json) {
    }

    /** Stores the view unless a newer version's view is already stored. */
    void put(String sessionId, long version, String json);

    Optional<Snapshot> get(String sessionId);
}
