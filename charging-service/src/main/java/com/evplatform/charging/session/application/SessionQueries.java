package com.evplatform.charging.session.application;

import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

import com.evplatform.charging.session.infrastructure.LiveSnapshots;
import com.evplatform.charging.session.infrastructure.SessionRepository;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;
import com.evplatform.service.support.web.ApiException;

import tools.jackson.databind.JsonNode;

/** Reading sessions: the live snapshot from Redis when there is one, the database otherwise. */
@Service
public class SessionQueries {

    private final SessionRepository sessions;
    private final LiveSnapshots snapshots;

    SessionQueries(SessionRepository sessions, LiveSnapshots snapshots) {
        this.sessions = sessions;
        this.snapshots = snapshots;
    }

    /** The session's current view, if the caller may see it; another driver's is "not found". */
    public JsonNode view(String sessionId, Predicate<ChargingSession> visible) {
        ChargingSession session = sessions.findById(sessionId).filter(visible)
                .orElseThrow(() -> ApiException.notFound("SESSION_NOT_FOUND", "No session " + sessionId));
        return latest(session);
    }

    /** The freshest view: Redis is written after each commit, so it is never behind the row it read. */
    public JsonNode latest(ChargingSession session) {
        Optional<String> live;
        try {
            live = snapshots.get(session.id());
        } catch (RuntimeException e) {
            live = Optional.empty();
        }
        JsonNode fromDatabase = SessionJournal.JSON.valueToTree(SessionView.of(session,
                SessionJournal.tariff(session)));
        if (live.isEmpty()) {
            return fromDatabase;
        }
        JsonNode fromRedis = SessionJournal.JSON.readTree(live.get());
        // A snapshot older than the row (Redis was away for a write) loses to the row.
        boolean rowTerminal = session.status().terminal();
        boolean snapshotTerminal = fromRedis.path("status").asString().matches("COMPLETED|FAILED");
        return rowTerminal && !snapshotTerminal ? fromDatabase : fromRedis;
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
