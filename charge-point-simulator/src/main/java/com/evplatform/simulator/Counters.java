package com.evplatform.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A charge point's message counters: written on its serial executor, read from anywhere. */
final class Counters {

    static final int RECENT_ERRORS_KEPT = 20;

    final AtomicLong callsSent = new AtomicLong();
    final AtomicLong callResultsReceived = new AtomicLong();
    final AtomicLong callErrorsReceived = new AtomicLong();
    final AtomicLong callTimeouts = new AtomicLong();
    final AtomicLong incomingCallsAnswered = new AtomicLong();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong framesIgnored = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectTimeouts = new AtomicLong();
    private final Map<Integer, AtomicLong> handshakesRefused = new ConcurrentHashMap<>();
    final AtomicLong droppedMessages = new AtomicLong();
    volatile int queuedCalls;
    volatile String lastConnectError;
    private final Deque<ReceivedCallError> recentErrors = new ArrayDeque<>();

    void connectFailed(ConnectFailure failure) {
        connectFailures.incrementAndGet();
        lastConnectError = failure.reason();
        if (failure.status() > 0) {
            handshakesRefused.computeIfAbsent(failure.status(), status -> new AtomicLong()).incrementAndGet();
        }
        if (failure.timedOut()) {
            connectTimeouts.incrementAndGet();
        }
    }

    /** Refused handshakes by HTTP status, in status order. */
    Map<Integer, Long> handshakesRefused() {
        Map<Integer, Long> refused = new TreeMap<>();
        handshakesRefused.forEach((status, count) -> refused.put(status, count.get()));
        return refused;
    }

    void recordCallError(ReceivedCallError error) {
        callErrorsReceived.incrementAndGet();
        synchronized (recentErrors) {
            recentErrors.addLast(error);
            while (recentErrors.size() > RECENT_ERRORS_KEPT) {
                recentErrors.removeFirst();
            }
        }
    }

    List<ReceivedCallError> recentErrors() {
        synchronized (recentErrors) {
            return List.copyOf(new ArrayList<>(recentErrors));
        }
    }

    ChargePointStats snapshot() {
        long connectCount = connects.get();
        return new ChargePointStats(callsSent.get(), callResultsReceived.get(), callErrorsReceived.get(),
                callTimeouts.get(), incomingCallsAnswered.get(), framesSent.get(), framesReceived.get(),
                framesIgnored.get(), connectCount, Math.max(0, connectCount - 1), connectFailures.get(),
                connectTimeouts.get(), handshakesRefused(), queuedCalls,
                droppedMessages.get(), recentErrors());
    }
}
