package com.evplatform.charging.contract;

import java.util.List;

import com.evplatform.contract.ExchangeDefinition;
import com.evplatform.contract.MessageType;

/** charging-service's published contract: the exchange and one message kind per {@link SessionEvent}. */
public final class ChargingEvents {

    /**
     * Partitioned by session. Consumers declare it as it is here; charging-service adds the
     * delays of its own timeouts ({@link ExchangeDefinition#withDelays}).
     */
    public static final ExchangeDefinition EXCHANGE = ExchangeDefinition.topic("charging.events", 4)
            .keepingUnrouted();

    public static final MessageType<SessionEvent.SessionStarted> SESSION_STARTED =
            MessageType.of("charging.session-started", SessionEvent.SessionStarted.class);
    public static final MessageType<SessionEvent.SessionCompleted> SESSION_COMPLETED =
            MessageType.of("charging.session-completed", SessionEvent.SessionCompleted.class);
    public static final MessageType<SessionEvent.SessionFailed> SESSION_FAILED =
            MessageType.of("charging.session-failed", SessionEvent.SessionFailed.class);

    public static final List<MessageType<? extends SessionEvent>> ALL = List.of(SESSION_STARTED, SESSION_COMPLETED,
            SESSION_FAILED);

    private ChargingEvents() {
    }

    public static MessageType<? extends SessionEvent> kindOf(SessionEvent event) {
        return switch (event) {
            case SessionEvent.SessionStarted e -> SESSION_STARTED;
            case SessionEvent.SessionCompleted e -> SESSION_COMPLETED;
            case SessionEvent.SessionFailed e -> SESSION_FAILED;
        };
    }

    /** Partition key and aggregate of a session's events. */
    public static String aggregateOf(String sessionId) {
        return "session:" + sessionId;
    }
}
