package com.evplatform.charging.session.application;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;
import com.evplatform.service.support.refusal.Refusal;

import tools.jackson.databind.JsonNode;

/** Reading sessions: the live snapshot from Redis when there is one, the database otherwise. */
@Service
public class SessionQueries {

    private final Sessions sessions;
    private final SessionSnapshots snapshots;

    SessionQueries(Sessions sessions, SessionSnapshots snapshots) {
        this.sessions = sessions;
        this.snapshots = snapshots;
    }

    /** The session's current view, if the caller may see it; another driver's is "not found". */
    public JsonNode view(String sessionId, Predicate<ChargingSession> visible) {
        ChargingSession session = sessions.findById(sessionId).filter(visible)
                .orElseThrow(() -> Refusal.notFound("SESSION_NOT_FOUND", "No session " + sessionId));
        return latest(session);
    }

    /**
     * The freshest view: the live snapshot when it was made from this version of the row or a
     * later one, else the row itself (a Redis write was lost, or is still on its way).
     */
    public JsonNode latest(ChargingSession session) {
        return versioned(session).view();
    }

    /** A session's view and the row version it was made from. */
    public record VersionedView(long version, JsonNode view) {
    }

    /** The freshest view of a session with its version, if the session exists. */
    public Optional<VersionedView> current(String sessionId) {
        return sessions.findById(sessionId).map(this::versioned);
    }

    /** Each view stored from now on, from whichever instance changed the session (see {@link SessionSnapshots#watch}). */
    public SessionSnapshots.Subscription watch(String sessionId, Consumer<VersionedView> listener) {
        return snapshots.watch(sessionId, snapshot -> listener.accept(
                new VersionedView(snapshot.version(), SessionJournal.JSON.readTree(snapshot.json()))));
    }

    private VersionedView versioned(ChargingSession session) {
        Optional<SessionSnapshots.Snapshot> live;
        try {
            live = snapshots.get(session.id());
        } catch (RuntimeException e) {
            live = Optional.empty();
        }
        if (live.isPresent() && live.get().version() >= session.version()) {
            return new VersionedView(live.get().version(), SessionJournal.JSON.readTree(live.get().json()));
        }
        return new VersionedView(session.version(), SessionJournal.JSON.valueToTree(SessionView.of(session)));
    }

    public Optional<ChargingSession> find(String sessionId) {
        return sessions.findById(sessionId);
    }

    public Page<ChargingSession> ofUser(String userId, SessionStatus status, int page, int size) {
        return sessions.findOfUser(userId, status, PageRequest.of(page, size));
    }

    public Page<ChargingSession> visible(String operatorCode, SessionStatus status, String chargePointId, int page,
            int size) {
        return sessions.findVisible(operatorCode, status, chargePointId, PageRequest.of(page, size));
    }
}
