package com.evplatform.charging.session.model;

/**
 * What a session state change produced: applied (with the event to publish, if any) or
 * rejected with the reason. A rejected transition changed nothing.
 */
public record Transition(boolean applied, Object event, String rejection) {

    public static Transition applied(Object event) {
        return new Transition(true, event, null);
    }

    public static Transition rejected(String why) {
        return new Transition(false, null, why);
    }
}
