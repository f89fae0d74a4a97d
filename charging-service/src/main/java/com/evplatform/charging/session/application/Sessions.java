package com.evplatform.charging.session.application;

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
}
