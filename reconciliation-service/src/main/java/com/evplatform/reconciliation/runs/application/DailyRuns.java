package com.evplatform.reconciliation.runs.application;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every day (RECONCILIATION_DAILY_CRON, in the stations' zone) a run for the day before. Each
 * instance's schedule fires; the run's daily key lets only one of them start it.
 */
@Component
class DailyRuns {

    private final Runs runs;
    private final ReconciliationProperties properties;
    private final Clock clock;

    DailyRuns(Runs runs, ReconciliationProperties properties, Clock clock) {
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${platform.reconciliation.daily-cron}", zone = "${platform.reconciliation.zone}")
    void runYesterday() {
        runs.daily(LocalDate.now(clock.withZone(properties.zone())).minusDays(1));
    }
}
