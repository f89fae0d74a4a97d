package com.evplatform.charging.session.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.evplatform.charging.contract.FailureReason;
import com.evplatform.charging.contract.SessionEvent;
import com.evplatform.charging.contract.StopReason;
import com.evplatform.charging.session.model.ChargingSession;
import com.evplatform.charging.session.model.SessionStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What an operator watches of the sessions: how many are STARTING, CHARGING and STOPPING
 * ({@code charging.sessions.active}, counted in the database every 15 s, so every instance
 * shows the platform's figure), how long the oldest STARTING session has waited for its
 * charger and the oldest STOPPING one for its stop ({@code charging.sessions.oldest.age}: a
 * stuck session shows here before the watchdog ends it), how long a start takes from the driver's request to the
 * charger's transaction ({@code charging.sessions.start.latency}), and how sessions end
 * ({@code charging.sessions.ended} by status and reason). Every series exists from the start
 * at 0, so alerts on an increase fire on the first one.
 */
@Component
public class SessionMetrics implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SessionMetrics.class);
    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(15);

    private final Sessions sessions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<SessionStatus, Double> active = new ConcurrentHashMap<>();
    private final Map<SessionStatus, Double> oldestAge = new ConcurrentHashMap<>();
    private final Timer startLatency;

    SessionMetrics(Sessions sessions, MeterRegistry meters, Clock clock) {
        this.sessions = sessions;
        this.meters = meters;
        this.clock = clock;
        for (SessionStatus status : SessionStatus.values()) {
            if (!status.terminal()) {
                active.put(status, Double.NaN);
                Gauge.builder("charging.sessions.active", active, figures -> figures.get(status))
                        .tag("status", status.name())
                        .description("sessions in this state, platform-wide").register(meters);
            }
        }
        for (SessionStatus status : List.of(SessionStatus.STARTING, SessionStatus.STOPPING)) {
            oldestAge.put(status, Double.NaN);
            Gauge.builder("charging.sessions.oldest.age", oldestAge, figures -> figures.get(status))
                    .tag("status", status.name()).baseUnit("seconds")
                    .description("how long the oldest session in this state has been waiting").register(meters);
        }
        startLatency = Timer.builder("charging.sessions.start.latency")
                .description("from the driver's start request to the charger's reported transaction")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(2)).register(meters);
        for (StopReason reason : StopReason.values()) {
            ended(SessionStatus.COMPLETED, reason.name(), 0);
        }
        for (FailureReason reason : FailureReason.values()) {
            ended(SessionStatus.FAILED, reason.name(), 0);
        }
    }

    /** A session's change was committed with this event. */
    void recorded(ChargingSession session, SessionEvent event) {
        switch (event) {
            case SessionEvent.SessionStarted started ->
                    startLatency.record(Duration.between(session.requestedAt(), clock.instant()));
            case SessionEvent.SessionCompleted completed ->
                    ended(SessionStatus.COMPLETED, completed.stopReason().name(), 1);
            case SessionEvent.SessionFailed failed -> ended(SessionStatus.FAILED, failed.failureReason().name(), 1);
        }
    }

    private void ended(SessionStatus status, String reason, int count) {
        meters.counter("charging.sessions.ended", "status", status.name(), "reason", reason).increment(count);
    }

    void count() {
        Map<SessionStatus, Sessions.ActiveSessions> counted = sessions.activeByStatus();
        Instant now = clock.instant();
        active.replaceAll((status, before) -> counted.containsKey(status) ? counted.get(status).count() : 0.0);
        oldestAge.replaceAll((status, before) -> {
            Sessions.ActiveSessions figures = counted.get(status);
            return figures == null || figures.oldestSince() == null ? 0.0
                    : Math.max(0, Duration.between(figures.oldestSince(), now).toSeconds());
        });
    }

    private void countQuietly() {
        try {
            count();
        } catch (RuntimeException e) {
            // The database is away: no figure rather than a stale one.
            active.replaceAll((status, before) -> Double.NaN);
            oldestAge.replaceAll((status, before) -> Double.NaN);
            log.debug("sessions not counted: {}", e.toString());
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::countQuietly, COUNT_INTERVAL, Duration.ZERO));
    }
}
