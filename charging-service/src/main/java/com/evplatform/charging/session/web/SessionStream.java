package com.evplatform.charging.session.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.evplatform.charging.session.application.SessionQueries;

import tools.jackson.databind.JsonNode;

/**
 * Server-Sent Events of a session: each new snapshot as a {@code session} event, polled from
 * the live snapshot twice a second (whichever instance wrote it), ending after a terminal
 * status. A client that reconnects gets the current snapshot first.
 */
@Component
class SessionStream implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LONGEST = Duration.ofHours(12);

    private final SessionQueries queries;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("session-sse").daemon().factory());

    SessionStream(SessionQueries queries) {
        this.queries = queries;
    }

    SseEmitter follow(String sessionId) {
        var emitter = new SseEmitter(LONGEST.toMillis());
        AtomicReference<String> lastSent = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable poll = () -> {
            try {
                JsonNode view = queries.find(sessionId).map(queries::latest).orElse(null);
                if (view == null) {
                    emitter.complete();
                    cancel(task);
                    return;
                }
                String json = view.toString();
                if (!json.equals(lastSent.get())) {
                    emitter.send(SseEmitter.event().name("session").data(json, MediaType.APPLICATION_JSON));
                    lastSent.set(json);
                }
                String status = view.path("status").asString();
                if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                    emitter.complete();
                    cancel(task);
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away.
                cancel(task);
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                cancel(task);
            }
        };
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        emitter.onError(error -> cancel(task));
        task.set(poller.scheduleWithFixedDelay(poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> future = task.get();
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
