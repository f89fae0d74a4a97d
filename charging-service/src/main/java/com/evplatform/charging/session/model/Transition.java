package com.evplatform.charging.session.model;

import java.util.Optional;

import com.evplatform.charging.contract.SessionEvent;

/**
 * What a session state change produced: applied (with the event to publish, if the change is
 * one other services hear about) or rejected with the reason. A rejected transition changed nothing.
 */
public record Transition(boolean applied, SessionEvent event, String rejection) {

    public static Transition applied(SessionEvent event) {
        return new Transition(true, event, null);
    }

    public static Transition rejected(String why) {
        return new Transition(false, null, why);
    }

    public Optional<SessionEvent> published() {
        return Optional.ofNullable(event);
    }
}
