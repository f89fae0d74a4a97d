package com.evplatform.simulator;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: each charge point owns one, so its state
 * needs no locks while thousands of charge points share a handful of threads.
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private static final int TASKS_PER_TURN = 64;

    private final Executor pool;
    private final String name;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RuntimeException rejected) {
                scheduled.set(false);
                tasks.clear();
                throw rejected;
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < TASKS_PER_TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, () -> name + ": task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            if (!tasks.isEmpty()) {
                try {
                    scheduleDrain();
                } catch (RuntimeException poolShutDown) {
                    LOG.log(Level.DEBUG, () -> name + ": dropped tasks after shutdown");
                }
            }
        }
    }
}
