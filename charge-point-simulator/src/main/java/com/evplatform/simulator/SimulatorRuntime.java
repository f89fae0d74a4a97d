package com.evplatform.simulator;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and the HTTP client all charge points of a simulator share: a few worker threads run every
 * charge point's work and WebSocket callbacks, a small pool fires timers, one NIO HttpClient holds the sockets.
 */
final class SimulatorRuntime implements AutoCloseable {

    final ExecutorService workers;
    final ScheduledExecutorService scheduler;
    final HttpClient httpClient;
    final Clock clock;

    SimulatorRuntime(SimulatorConfig config, Clock clock) {
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), daemonThreads("simulator-worker"));
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(config.schedulerThreads(),
                daemonThreads("simulator-timer"));
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = timers;
        this.httpClient = HttpClient.newBuilder()
                .executor(workers)
                .connectTimeout(config.connectTimeout())
                .build();
        this.clock = clock;
    }

    /** Runs the task on the given executor after the delay. */
    ScheduledFuture<?> schedule(SerialExecutor target, Runnable task, Duration delay) {
        return scheduler.schedule(() -> target.execute(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Runs the task on the given executor every period, first after one period. */
    ScheduledFuture<?> scheduleAtFixedRate(SerialExecutor target, Runnable task, Duration period) {
        long nanos = Math.max(1, period.toNanos());
        return scheduler.scheduleAtFixedRate(() -> target.execute(task), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        httpClient.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
