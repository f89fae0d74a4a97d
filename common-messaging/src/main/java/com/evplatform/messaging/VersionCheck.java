package com.evplatform.messaging;

/** Where a message's aggregate version falls relative to the last applied one. */
public enum VersionCheck {
    /** Exactly the next version. */
    IN_ORDER,
    /** Later than the next: at least one message of the aggregate is missing or late. */
    GAP,
    /** Not newer than what was applied: it arrived after a later message. */
    STALE,
    NOT_CHECKED
}
