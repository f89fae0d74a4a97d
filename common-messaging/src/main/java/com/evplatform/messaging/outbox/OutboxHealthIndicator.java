package com.evplatform.messaging.outbox;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN when the oldest unpublished message is older than the alarm threshold: messages are stuck. */
public class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxRepository repository;
    private final Duration alarm;
    private final Clock clock;

    public OutboxHealthIndicator(OutboxRepository repository, Duration alarm, Clock clock) {
        this.repository = repository;
        this.alarm = alarm;
        this.clock = clock;
    }

    @Override
    public Health health() {
        var backlog = repository.backlog();
        Duration age = backlog.oldestPendingCreatedAt() == null ? Duration.ZERO
                : Duration.between(backlog.oldestPendingCreatedAt(), clock.instant());
        var builder = age.compareTo(alarm) > 0 ? Health.down() : Health.up();
        return builder.withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAgeSeconds", age.toSeconds())
                .withDetail("failed", backlog.failed())
                .build();
    }
}
