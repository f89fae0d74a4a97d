package com.evplatform.charging.session.application;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.Transition;
import com.evplatform.service.support.refusal.Refusal;

/**
 * A driver or an operator asks to stop (see {@link StopRequests}); a session that cannot stop
 * is a 409 SESSION_NOT_ACTIVE.
 */
@Service
public class StoppingSessions {

    private static final int MAX_ATTEMPTS = 3;

    private final Sessions sessions;
    private final StopRequests stops;
    private final TransactionTemplate transactions;

    StoppingSessions(Sessions sessions, StopRequests stops, TransactionTemplate transactions) {
        this.sessions = sessions;
        this.stops = stops;
        this.transactions = transactions;
    }

    /** @param by USER or OPERATOR: who the stop reason will name */
    public ChargingSession stop(String sessionId, StopReason by, java.util.function.Predicate<ChargingSession> visible) {
        // A charger's event may update the session between our read and our write: read it again and
        // decide again (it may have completed meanwhile: then 409, not a 500).
        for (int attempt = 1; ; attempt++) {
            try {
                return stopOnce(sessionId, by, visible);
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ChargingSession stopOnce(String sessionId, StopReason by,
            java.util.function.Predicate<ChargingSession> visible) {
        return transactions.execute(status -> {
            ChargingSession session = sessions.findById(sessionId).filter(visible)
                    .orElseThrow(() -> Refusal.notFound("SESSION_NOT_FOUND", "No session " + sessionId));
            Transition transition = stops.request(session, by);
            if (!transition.applied()) {
                throw Refusal.conflict("SESSION_NOT_ACTIVE", "The session cannot be stopped: "
                        + transition.rejection()).with("status", session.status().name());
            }
            return session;
        });
    }
}
