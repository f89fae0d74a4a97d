package com.evplatform.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * A charge point's outgoing CALLs: OCPP-J allows one in flight, so the rest wait here in order until its
 * CALLRESULT or CALLERROR arrives or the call timeout passes. Transaction messages survive a lost connection,
 * the others are dropped (the charge point reports its state again after the next boot). Used only on the
 * charge point's serial executor.
 */
final class CallQueue {

    private record InFlight(String uniqueId, OutgoingCall call, ScheduledFuture<?> timeout) {
    }

    private final String chargePointId;
    private final SimulatorRuntime runtime;
    private final SerialExecutor serial;
    private final Duration callTimeout;
    private final int maxQueued;
    private final Counters counters;
    private final Consumer<String> wire;
    private final Runnable onCallCompleted;

    private final Deque<OutgoingCall> waiting = new ArrayDeque<>();
    private InFlight inFlight;
    private long nextUniqueId = 1;

    CallQueue(String chargePointId, SimulatorRuntime runtime, SerialExecutor serial, Duration callTimeout,
            int maxQueued, Counters counters, Consumer<String> wire, Runnable onCallCompleted) {
        this.chargePointId = chargePointId;
        this.runtime = runtime;
        this.serial = serial;
        this.callTimeout = callTimeout;
        this.maxQueued = maxQueued;
        this.counters = counters;
        this.wire = wire;
        this.onCallCompleted = onCallCompleted;
    }

    void add(OutgoingCall call) {
        if (waiting.size() >= maxQueued && "MeterValues".equals(call.action())) {
            counters.droppedMessages.incrementAndGet();
            return;
        }
        waiting.add(call);
        publishSize();
    }

    boolean hasCallInFlight() {
        return inFlight != null;
    }

    /** Nothing in flight and nothing waiting. */
    boolean isIdle() {
        return inFlight == null && waiting.isEmpty();
    }

    int size() {
        return waiting.size() + (inFlight == null ? 0 : 1);
    }

    /** Sends waiting calls until one is in flight. */
    void sendWaiting() {
        while (inFlight == null && !waiting.isEmpty()) {
            OutgoingCall call = waiting.poll();
            publishSize();
            send(call);
        }
    }

    /** Sends a call ahead of the waiting ones; there must be none in flight. */
    void send(OutgoingCall call) {
        if (inFlight != null) {
            throw new IllegalStateException(chargePointId + ": a call is already in flight");
        }
        JsonNode payload = call.payload().get();
        if (payload == null) {
            return;
        }
        String uniqueId = Long.toString(nextUniqueId++);
        ScheduledFuture<?> timeout = runtime.schedule(serial, () -> timedOut(uniqueId), callTimeout);
        inFlight = new InFlight(uniqueId, call, timeout);
        publishSize();
        counters.callsSent.incrementAndGet();
        wire.accept(OcppFrame.call(uniqueId, call.action(), payload));
    }

    /**
     * Hands a CALLRESULT or CALLERROR to the call it answers.
     *
     * @return false when it answers no call in flight
     */
    boolean complete(OcppFrame response, String frame) {
        if (inFlight == null || !inFlight.uniqueId().equals(response.uniqueId())) {
            return false;
        }
        OutgoingCall call = inFlight.call();
        inFlight.timeout().cancel(false);
        inFlight = null;
        publishSize();
        if (response instanceof OcppFrame.CallResult result) {
            counters.callResultsReceived.incrementAndGet();
            call.onResult().accept(result.payload());
        } else if (response instanceof OcppFrame.CallError error) {
            counters.recordCallError(new ReceivedCallError(call.action(), error.errorCode(), error.description(), frame,
                    runtime.clock.instant()));
            call.onFailure().accept(OutgoingCall.Failure.CALL_ERROR);
        }
        onCallCompleted.run();
        return true;
    }

    /** The connection is gone: a transaction message in flight goes back to the head of the queue. */
    void connectionLost() {
        if (inFlight != null) {
            inFlight.timeout().cancel(false);
            if (inFlight.call().transactional()) {
                waiting.addFirst(inFlight.call());
            }
            inFlight = null;
        }
        waiting.removeIf(call -> !call.transactional());
        publishSize();
    }

    void clear() {
        if (inFlight != null) {
            inFlight.timeout().cancel(false);
            inFlight = null;
        }
        waiting.clear();
        publishSize();
    }

    private void timedOut(String uniqueId) {
        if (inFlight == null || !inFlight.uniqueId().equals(uniqueId)) {
            return;
        }
        OutgoingCall call = inFlight.call();
        inFlight = null;
        publishSize();
        counters.callTimeouts.incrementAndGet();
        call.onFailure().accept(OutgoingCall.Failure.TIMEOUT);
        onCallCompleted.run();
    }

    private void publishSize() {
        counters.queuedCalls = size();
    }
}
