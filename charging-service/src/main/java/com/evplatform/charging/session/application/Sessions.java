package com.evplatform.charging.session.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;

/** Port: the stored sessions, as the use cases read and write them. */
public interface Sessions {

    Optional<ChargingSession> findById(String id);

    <S extends ChargingSession> S saveAndFlush(S session);

    Optional<ChargingSession> findByUserIdAndIdempotencyKey(String userId, String idempotencyKey);

    Optional<ChargingSession> findByIdTag(String idTag);

    Optional<ChargingSession> findByChargePointIdAndTransactionId(String chargePointId, Integer transactionId);

    Page<ChargingSession> findOfUser(String userId, SessionStatus status, Pageable page);

    Page<ChargingSession> findVisible(String operatorCode, SessionStatus status, String chargePointId,
            Pageable page);

    /** The session, its row locked until the transaction ends (waiting for another holder). */
    Optional<ChargingSession> lockById(String id);

    /** The session, its row locked until the transaction ends; empty if another transaction holds it. */
    Optional<ChargingSession> claimById(String id);

    /** CHARGING sessions with no reading (nor start) applied since {@code since}, at most {@code limit}. */
    List<String> findSilentCharging(Instant since, int limit);

    /**
     * CHARGING sessions from before the watchdog (no reading time recorded) are watched from
     * {@code now} on; in the caller's transaction. @return how many
     */
    int watchFrom(Instant now);

    /** STOPPING sessions asked to stop before {@code since}, at most {@code limit}. */
    List<String> findStoppingSince(Instant since, int limit);

    /**
     * How many sessions are STARTING, CHARGING and STOPPING, and since when the longest-waiting
     * STARTING one was requested and STOPPING one was asked to stop; a state without one is left out.
     */
    Map<SessionStatus, ActiveSessions> activeByStatus();

    /** The sessions in one state: how many, and since when the oldest waits (null for CHARGING). */
    record ActiveSessions(long count, Instant oldestSince) {
    }
}
