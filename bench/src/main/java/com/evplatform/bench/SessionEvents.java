package com.evplatform.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.evplatform.charging.contract.ChargingEvents;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charging benchmark's view of sessions: charging-service's own events on {@code charging.events},
 * taken by a queue of the load generator's (exclusive, deleted with it). Waiting for an event costs the
 * platform nothing, where polling each session through the gateway would load the very services being
 * measured.
 */
final class SessionEvents implements AutoCloseable {

    static final String STARTED = ChargingEvents.SESSION_STARTED.name();
    static final String COMPLETED = ChargingEvents.SESSION_COMPLETED.name();
    static final String FAILED = ChargingEvents.SESSION_FAILED.name();
    private static final String EXCHANGE = ChargingEvents.EXCHANGE.name();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An event for a session, and when it arrived here (System.nanoTime). */
    record Outcome(String type, long arrivedNanos, String failureReason) {
    }

    private final Connection connection;
    /** The first of session-started / session-failed per session. */
    private final Map<String, CompletableFuture<Outcome>> starts = new ConcurrentHashMap<>();
    /** session-completed, or session-failed, per session. */
    private final Map<String, CompletableFuture<Outcome>> ends = new ConcurrentHashMap<>();

    private SessionEvents(Connection connection) {
        this.connection = connection;
    }

    static SessionEvents listen(String amqpUri) throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        Connection connection = factory.newConnection("charging-benchmark");
        var events = new SessionEvents(connection);
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();
        // Routing keys are <partition>.<type>.
        for (var kind : ChargingEvents.ALL) {
            channel.queueBind(queue, EXCHANGE, "*." + kind.name());
        }
        channel.basicConsume(queue, true, (tag, delivery) -> events.arrived(delivery.getBody()),
                tag -> { });
        return events;
    }

    private void arrived(byte[] body) {
        long now = System.nanoTime();
        JsonNode envelope = JSON.readTree(body);
        String type = envelope.path("type").asString();
        JsonNode payload = envelope.path("payload");
        String sessionId = payload.path("sessionId").asString();
        String failureReason = payload.hasNonNull("failureReason") ? payload.path("failureReason").asString() : null;
        var outcome = new Outcome(type, now, failureReason);
        if (STARTED.equals(type)) {
            future(starts, sessionId).complete(outcome);
        } else if (COMPLETED.equals(type)) {
            future(ends, sessionId).complete(outcome);
        } else if (FAILED.equals(type)) {
            future(starts, sessionId).complete(outcome);
            future(ends, sessionId).complete(outcome);
        }
    }

    /** session-started or session-failed, or null if neither came in time. */
    Outcome started(String sessionId, Duration timeout) throws InterruptedException {
        Outcome outcome = await(starts, sessionId, timeout);
        if (outcome != null && FAILED.equals(outcome.type())) {
            forget(sessionId);
        }
        return outcome;
    }

    /** session-completed or session-failed, or null if neither came in time. */
    Outcome ended(String sessionId, Duration timeout) throws InterruptedException {
        Outcome outcome = await(ends, sessionId, timeout);
        forget(sessionId);
        return outcome;
    }

    private void forget(String sessionId) {
        starts.remove(sessionId);
        ends.remove(sessionId);
    }

    private static Outcome await(Map<String, CompletableFuture<Outcome>> waiting, String sessionId, Duration timeout)
            throws InterruptedException {
        try {
            return future(waiting, sessionId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static CompletableFuture<Outcome> future(Map<String, CompletableFuture<Outcome>> waiting, String id) {
        return waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
