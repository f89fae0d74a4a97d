-- The session watchdog: when the platform last applied a meter reading (its own clock, not the
-- charger's), and how often a remote stop was sent again after the first. NULL / 0 for sessions
-- from before: the watchdog's next round sets their reading time to its own now, and counts from there.
ALTER TABLE charging_sessions
    ADD COLUMN last_reading_at DATETIME(3) NULL,
    ADD COLUMN stop_retries    INT         NOT NULL DEFAULT 0,
    ADD KEY ix_sessions_watchdog (status, last_reading_at);

-- Sessions the platform ended without the charger's stop (stop reason FORCED or WATCHDOG): who
-- (a user id with its role ADMIN or OPERATOR, or the watchdog), when, why and on which reading:
-- the last known one or the one given (reading_given). One row per session: a session is ended once.
CREATE TABLE session_endings (
    session_id     CHAR(36)     NOT NULL,
    stop_reason    VARCHAR(12)  NOT NULL,
    ended_by       VARCHAR(64)  NOT NULL,
    ended_by_role  VARCHAR(12)  NOT NULL,
    ended_at       DATETIME(3)  NOT NULL,
    cause          VARCHAR(500) NOT NULL,
    status_before  VARCHAR(12)  NOT NULL,
    last_known_wh  BIGINT       NOT NULL,
    meter_stop_wh  BIGINT       NOT NULL,
    reading_given  BOOLEAN      NOT NULL,
    PRIMARY KEY (session_id)
);
