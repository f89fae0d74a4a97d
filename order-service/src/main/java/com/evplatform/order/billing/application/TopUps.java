package com.evplatform.order.billing.application;

import java.time.Instant;
import java.util.Optional;

import com.evplatform.order.billing.model.TopUp;

/** Port: top-ups and the provider events already applied. */
public interface TopUps {

    void insert(TopUp topUp);

    Optional<TopUp> byId(String topUpId);

    Optional<TopUp> lock(String topUpId);

    void update(TopUp topUp, Instant now);

    /** @return false when this provider event was applied before */
    boolean firstTimeSeen(String eventId, String paymentId, String topUpId, String type, Instant occurredAt,
            Instant now);
}
