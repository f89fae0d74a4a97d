package com.evplatform.charging.session.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import com.evplatform.charging.session.application.Sessions;

import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;

public interface SessionRepository extends JpaRepository<ChargingSession, String>, Sessions {

    Optional<ChargingSession> findByUserIdAndIdempotencyKey(String userId, String idempotencyKey);

    Optional<ChargingSession> findByIdTag(String idTag);

    Optional<ChargingSession> findByChargePointIdAndTransactionId(String chargePointId, Integer transactionId);

    @Query("select s from ChargingSession s where s.userId = :userId and (:status is null or s.status = :status) "
            + "order by s.requestedAt desc")
    Page<ChargingSession> findOfUser(String userId, SessionStatus status, Pageable page);

    @Query("select s from ChargingSession s where (:operatorCode is null or s.operatorCode = :operatorCode) "
            + "and (:status is null or s.status = :status) "
            + "and (:chargePointId is null or s.chargePointId = :chargePointId) order by s.requestedAt desc")
    Page<ChargingSession> findVisible(String operatorCode, SessionStatus status, String chargePointId,
            Pageable page);

    @Query(value = "SELECT * FROM charging_sessions WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<ChargingSession> lockById(String id);

    /** Several instances' watchdogs never work on one session at once: a held row is skipped. */
    @Query(value = "SELECT * FROM charging_sessions WHERE id = :id FOR UPDATE SKIP LOCKED", nativeQuery = true)
    Optional<ChargingSession> claimById(String id);

    @Query(value = "SELECT id FROM charging_sessions WHERE status = 'CHARGING' AND last_reading_at < :since "
            + "ORDER BY last_reading_at LIMIT :limit", nativeQuery = true)
    List<String> findSilentCharging(Instant since, int limit);

    @Modifying
    @Query(value = "UPDATE charging_sessions SET last_reading_at = :now "
            + "WHERE status = 'CHARGING' AND last_reading_at IS NULL", nativeQuery = true)
    int watchFrom(Instant now);

    @Query(value = "SELECT id FROM charging_sessions WHERE status = 'STOPPING' AND stop_requested_at < :since "
            + "ORDER BY stop_requested_at LIMIT :limit", nativeQuery = true)
    List<String> findStoppingSince(Instant since, int limit);

    /** Counted on the (status, last_reading_at) index: as cheap as the number of active sessions. */
    @Query("select s.status, count(s), min(s.requestedAt), min(s.stopRequestedAt) from ChargingSession s "
            + "where s.status in (com.evplatform.charging.session.model.SessionStatus.STARTING, "
            + "com.evplatform.charging.session.model.SessionStatus.CHARGING, "
            + "com.evplatform.charging.session.model.SessionStatus.STOPPING) group by s.status")
    List<Object[]> countActive();

    @Override
    default Map<SessionStatus, ActiveSessions> activeByStatus() {
        return countActive().stream().collect(Collectors.toMap(row -> (SessionStatus) row[0], row -> {
            Instant oldestSince = switch ((SessionStatus) row[0]) {
                case STARTING -> (Instant) row[2];
                case STOPPING -> (Instant) row[3];
                default -> null;
            };
            return new ActiveSessions(((Number) row[1]).longValue(), oldestSince);
        }));
    }
}
