package com.evplatform.device.ocpp.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import com.evplatform.device.ocpp.protocol.Call;
import com.evplatform.device.ocpp.protocol.CallError;
import com.evplatform.device.ocpp.protocol.CallResult;
import com.evplatform.device.ocpp.protocol.OcppFrames;

import tools.jackson.databind.JsonNode;

/**
 * One charger's WebSocket: sends frames (thread-safe, bounded send buffer), keeps the
 * central system's calls to the charger that await an answer, and remembers the answers to the
 * charger's last calls so a retried CALL (same unique id) gets the same answer again.
 *
 * <p>One call to the charger is in flight at a time, as OCPP-J asks: the next waits until the
 * charger answered the previous one or its time ran out.
 */
public final class ChargerConnection {

    private static final Logger log = LoggerFactory.getLogger(ChargerConnection.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;
    private static final int REMEMBERED_ANSWERS = 16;

    /** The charger's answer to one of our calls: a result payload or its CALLERROR. */
    public record Answer(JsonNode payload, CallError error) {
    }

    private record Pending(String action, CompletableFuture<Answer> answer) {
    }

    private record Queued(String action, JsonNode payload, Duration timeout, CompletableFuture<Answer> answer) {
    }

    private final String chargePointId;
    private final WebSocketSession session;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Deque<Queued> waiting = new ArrayDeque<>();
    private String inFlight;
    /** When the online mark was last set or renewed for this socket (System.nanoTime). */
    private volatile long markedAt = System.nanoTime();
    private final Map<String, String> answered = new LinkedHashMap<>(REMEMBERED_ANSWERS * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ANSWERS;
        }
    };

    ChargerConnection(String chargePointId, WebSocketSession session) {
        this.chargePointId = chargePointId;
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT);
    }

    public String chargePointId() {
        return chargePointId;
    }

    public String sessionId() {
        return session.getId();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /**
     * Whether the online mark is due to be renewed, {@code every} after it was last; taking the
     * turn restarts the wait, so of several frames arriving together one renews.
     */
    boolean renewalDue(Duration every) {
        long now = System.nanoTime();
        long last = markedAt;
        if (now - last < every.toNanos()) {
            return false;
        }
        markedAt = now;
        return true;
    }

    /** Sends a CALL (already validated by the caller) when none is in flight; the future ends with the answer or a timeout. */
    CompletableFuture<Answer> call(String action, JsonNode payload, Duration timeout) {
        var queued = new Queued(action, payload, timeout, new CompletableFuture<>());
        synchronized (waiting) {
            if (inFlight == null) {
                sendNow(queued);
            } else {
                waiting.add(queued);
            }
        }
        return queued.answer();
    }

    /** Under the lock of {@code waiting}. */
    private void sendNow(Queued call) {
        String messageId = UUID.randomUUID().toString();
        inFlight = messageId;
        pending.put(messageId, new Pending(call.action(), call.answer()));
        call.answer().orTimeout(call.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> ended(messageId));
        if (!send(OcppFrames.write(new Call(messageId, call.action(), call.payload())))) {
            call.answer().completeExceptionally(new IOException("the charger's connection is closed"));
        }
    }

    private void ended(String messageId) {
        pending.remove(messageId);
        synchronized (waiting) {
            if (messageId.equals(inFlight)) {
                inFlight = null;
                Queued next = waiting.poll();
                if (next != null) {
                    sendNow(next);
                }
            }
        }
    }

    /** The action of our pending call with this id, or null when we sent none (or it timed out). */
    String pendingAction(String messageId) {
        Pending call = pending.get(messageId);
        return call == null ? null : call.action();
    }

    void completeCall(CallResult result) {
        Pending call = pending.remove(result.messageId());
        if (call != null) {
            call.answer().complete(new Answer(result.payload(), null));
        }
    }

    void completeCall(CallError error) {
        Pending call = pending.remove(error.messageId());
        if (call != null) {
            call.answer().complete(new Answer(null, error));
        }
    }

    /** A call of ours is waiting to be sent or for the charger's answer. */
    boolean awaitsAnswers() {
        synchronized (waiting) {
            return inFlight != null || !waiting.isEmpty();
        }
    }

    /**
     * The connection closed: calls still waiting their turn were never sent (the charger is
     * offline for them); a call already sent may have been carried out, its answer is lost.
     */
    void failPendingCalls() {
        List<CompletableFuture<Answer>> notSent = new ArrayList<>();
        synchronized (waiting) {
            waiting.forEach(call -> notSent.add(call.answer()));
            waiting.clear();
        }
        notSent.forEach(answer -> answer.completeExceptionally(
                new IOException("the charger disconnected before the call was sent")));
        pending.values().forEach(call -> call.answer().completeExceptionally(new AnswerLost()));
    }

    /** A call was sent and the connection closed before its answer: whether the charger carried it out is unknown. */
    public static final class AnswerLost extends IOException {
        AnswerLost() {
            super("the charger disconnected after the call was sent, before answering");
        }
    }

    /** The answer already given to a CALL with this unique id on this connection, if any. */
    synchronized String previousAnswer(String messageId) {
        return answered.get(messageId);
    }

    synchronized void remember(String messageId, String answer) {
        answered.put(messageId, answer);
    }

    boolean send(String frame) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            session.sendMessage(new TextMessage(frame));
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot send to {}: {}", chargePointId, e.toString());
            return false;
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("closing {}: {}", chargePointId, e.toString());
        }
    }
}
