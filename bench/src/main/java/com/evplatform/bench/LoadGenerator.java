package com.evplatform.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers session starts at a level's fixed rate, each on a free driver/connector pair, and follows each session
 * on its events until CHARGING; then stops it and, once COMPLETED, gives the pair back after a cool-down.
 */
final class LoadGenerator {

    private static final Duration CHARGING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMPLETED_TIMEOUT = Duration.ofSeconds(90);
    /** After COMPLETED, the charger's Finishing/Available statuses are on their way: wait before reusing the connector. */
    static final Duration COOL_DOWN = Duration.ofMillis(500);

    private final GatewayClient client;
    private final SessionEvents events;
    private final LinkedBlockingQueue<Unit> pool;
    private final int units;

    LoadGenerator(GatewayClient client, SessionEvents events, LinkedBlockingQueue<Unit> pool, int units) {
        this.client = client;
        this.events = events;
        this.pool = pool;
        this.units = units;
    }

    /** Issues starts at the level's rate for its duration, then waits for every session it started to finish. */
    void run(Level level) throws Exception {
        long interval = (long) (1e9 / level.rate);
        long start = System.nanoTime();
        long end = start + level.duration.toNanos();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long k = 0; ; k++) {
                long due = start + k * interval;
                if (due >= end) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Unit unit = pool.poll();
                if (unit == null) {
                    // Every driver/connector pair is busy: the platform is not keeping up with this rate.
                    level.late.incrementAndGet();
                    unit = pool.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (unit == null) {
                        break;
                    }
                }
                Unit taken = unit;
                level.issued.incrementAndGet();
                sessions.submit(() -> session(level, taken));
            }
            level.issuingSeconds = (System.nanoTime() - start) / 1e9;
        }
        level.charged = level.toCharging.getIntervalHistogram();
        level.accept = level.toAccepted.getIntervalHistogram();
        // All units back (the executor's close waited for every session): the next level starts clean.
        if (pool.size() != units) {
            System.out.println("  " + (units - pool.size()) + " driver/connector pairs were not returned");
        }
    }

    private void session(Level level, Unit unit) {
        boolean reusable = true;
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> started = client.send(client.post("/api/charging/sessions", unit.token(),
                    "{\"connectorCode\":\"" + unit.connectorCode() + "\"}", "Idempotency-Key", UUID.randomUUID().toString()));
            long accepted = System.nanoTime();
            if (started.statusCode() != 202) {
                level.error(level.errors, "start " + started.statusCode() + " " + GatewayClient.code(started.body()));
                return;
            }
            level.accepted.incrementAndGet();
            level.toAccepted.recordValue((accepted - t0) / 1000);
            String sessionId = GatewayClient.json(started).path("sessionId").asString();
            // charging-service publishes charging.session-started once the session is CHARGING (in the
            // same transaction as the snapshot); the listener notes when it arrived here.
            SessionEvents.Outcome outcome = events.started(sessionId, CHARGING_TIMEOUT);
            if (outcome != null && outcome.type().equals(SessionEvents.STARTED)) {
                level.toCharging.recordValue((outcome.arrivedNanos() - t0) / 1000);
                level.charging.incrementAndGet();
            } else {
                String status = outcome == null ? "still STARTING" : outcome.type();
                level.error(level.errors, "not CHARGING after " + CHARGING_TIMEOUT.toSeconds() + " s: " + status
                        + (outcome != null && outcome.failureReason() != null ? " (" + outcome.failureReason() + ")" : ""));
                if (outcome != null) {
                    return;
                }
            }
            HttpResponse<String> stop = client.send(client.post("/api/charging/sessions/" + sessionId + "/stop",
                    unit.token(), ""));
            if (stop.statusCode() != 202) {
                level.error(level.stopErrors, "stop " + stop.statusCode() + " " + GatewayClient.code(stop.body()));
            }
            if (events.ended(sessionId, COMPLETED_TIMEOUT) != null) {
                level.completed.incrementAndGet();
                return;
            }
            level.error(level.stopErrors, "not COMPLETED " + COMPLETED_TIMEOUT.toSeconds() + " s after stop");
            reusable = false;
        } catch (Exception e) {
            level.error(level.errors, e.getClass().getSimpleName());
        } finally {
            try {
                Thread.sleep(COOL_DOWN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reusable) {
                pool.add(unit);
            }
        }
    }
}
