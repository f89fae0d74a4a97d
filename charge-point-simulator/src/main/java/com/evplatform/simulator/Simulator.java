package com.evplatform.simulator;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs many simulated OCPP 1.6J charge points in one JVM, for integration tests, demos and load tests. Start one
 * with {@link #start(SimulatorConfig)}; connections open in the background at the configured rate, so 10,000
 * charge points do not storm the server. Closing it closes every WebSocket cleanly.
 */
public final class Simulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Simulator.class.getName());
    private static final Duration RAMP_TICK = Duration.ofMillis(10);

    private final SimulatorConfig config;
    private final SimulatorRuntime runtime;
    private final Map<String, SimulatedChargePoint> chargePoints;
    private final List<SimulatedChargePoint> inOrder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long rampStartNanos = System.nanoTime();
    private int started;
    private volatile ScheduledFuture<?> ramp;

    private Simulator(SimulatorConfig config) {
        this.config = config;
        this.runtime = new SimulatorRuntime(config, Clock.systemUTC());
        long baseSeed = config.randomSeed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        Map<String, SimulatedChargePoint> byId = new LinkedHashMap<>();
        List<String> ids = config.chargePointIds();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean autoCharge = Math.floor((i + 1) * config.autoChargeShare()) > Math.floor(i * config.autoChargeShare());
            byId.put(id, new SimulatedChargePoint(id, config, runtime, autoCharge, baseSeed * 31 + i));
        }
        this.chargePoints = byId;
        this.inOrder = List.copyOf(byId.values());
    }

    /** Creates the charge points and starts connecting them at {@link SimulatorConfig#connectRatePerSecond()}. */
    public static Simulator start(SimulatorConfig config) {
        Simulator simulator = new Simulator(config);
        simulator.ramp = simulator.runtime.scheduler.scheduleAtFixedRate(simulator::rampUp, 0,
                RAMP_TICK.toNanos(), TimeUnit.NANOSECONDS);
        return simulator;
    }

    private synchronized void rampUp() {
        double elapsedSeconds = (System.nanoTime() - rampStartNanos) / 1e9;
        long due = Math.min(inOrder.size(), 1 + (long) (elapsedSeconds * config.connectRatePerSecond()));
        while (started < due && !closed.get()) {
            inOrder.get(started++).start();
        }
        if (started >= inOrder.size() && ramp != null) {
            ramp.cancel(false);
        }
    }

    public SimulatorConfig config() {
        return config;
    }

    /**
     * @throws NoSuchElementException if no charge point has that id
     */
    public SimulatedChargePoint chargePoint(String id) {
        SimulatedChargePoint chargePoint = chargePoints.get(id);
        if (chargePoint == null) {
            throw new NoSuchElementException("no simulated charge point " + id);
        }
        return chargePoint;
    }

    /** All charge points, in configuration order. */
    public List<SimulatedChargePoint> chargePoints() {
        return inOrder;
    }

    /**
     * Waits until every charge point has booted.
     *
     * @throws IllegalStateException naming how many have not, if the timeout passes first
     */
    public void awaitAllBooted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatedChargePoint chargePoint : inOrder) {
            long remaining = deadline - System.nanoTime();
            try {
                chargePoint.awaitBooted(Duration.ofNanos(Math.max(1, remaining)));
            } catch (IllegalStateException e) {
                long notBooted = inOrder.stream().filter(cp -> !cp.isBooted()).count();
                throw new IllegalStateException(notBooted + " of " + inOrder.size() + " charge points not booted within "
                        + timeout + "; e.g. " + e.getMessage());
            }
        }
    }

    public SimulatorStats stats() {
        int connected = 0;
        int booted = 0;
        int charging = 0;
        long callsSent = 0;
        long results = 0;
        long errors = 0;
        long timeouts = 0;
        long answered = 0;
        long framesSent = 0;
        long framesReceived = 0;
        long ignored = 0;
        long reconnects = 0;
        long connectFailures = 0;
        long connectTimeouts = 0;
        Map<Integer, Long> refused = new TreeMap<>();
        long queued = 0;
        long dropped = 0;
        String lastConnectError = null;
        for (SimulatedChargePoint chargePoint : inOrder) {
            connected += chargePoint.isConnected() ? 1 : 0;
            booted += chargePoint.isBooted() ? 1 : 0;
            charging += chargePoint.chargingConnectors();
            ChargePointStats stats = chargePoint.stats();
            callsSent += stats.callsSent();
            results += stats.callResultsReceived();
            errors += stats.callErrorsReceived();
            timeouts += stats.callTimeouts();
            answered += stats.incomingCallsAnswered();
            framesSent += stats.framesSent();
            framesReceived += stats.framesReceived();
            ignored += stats.framesIgnored();
            reconnects += stats.reconnects();
            connectFailures += stats.connectFailures();
            connectTimeouts += stats.connectTimeouts();
            stats.handshakesRefused().forEach((status, count) -> refused.merge(status, count, Long::sum));
            queued += stats.queuedCalls();
            dropped += stats.droppedMessages();
            if (lastConnectError == null) {
                lastConnectError = chargePoint.lastConnectError();
            }
        }
        return new SimulatorStats(inOrder.size(), connected, booted, charging, callsSent, results, errors, timeouts,
                answered, framesSent, framesReceived, ignored, reconnects, connectFailures, connectTimeouts, refused, queued,
                dropped,
                lastConnectError);
    }

    /**
     * Stops connecting, optionally stops running transactions and waits for their messages, closes every
     * WebSocket with a Close frame and releases the threads. Waits at most about twice
     * {@link SimulatorConfig#closeTimeout()}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ramp != null) {
            ramp.cancel(false);
        }
        try {
            if (config.stopTransactionsOnClose()) {
                long deadline = System.nanoTime() + config.closeTimeout().toNanos();
                awaitAll(inOrder.stream().map(chargePoint -> chargePoint.stopAllTransactions(StopReason.LOCAL)).toList(),
                        "stop their transactions");
                awaitQuiet(deadline);
            }
            awaitAll(inOrder.stream().map(SimulatedChargePoint::shutdown).toList(), "close their WebSocket");
        } finally {
            inOrder.forEach(SimulatedChargePoint::abort);
            runtime.close();
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> futures, String what) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            long late = futures.stream().filter(future -> !future.isDone()).count();
            LOG.log(Level.WARNING, late + " charge points did not " + what + " within " + config.closeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until no charge point has calls waiting or in flight, so StopTransactions reach the server. */
    private void awaitQuiet(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos && !inOrder.stream().allMatch(SimulatedChargePoint::isQuiet)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
