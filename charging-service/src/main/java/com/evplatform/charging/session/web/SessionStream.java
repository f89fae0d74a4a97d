package com.evplatform.charging.session.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.evplatform.charging.session.application.ChargingProperties;
import com.evplatform.charging.session.application.SessionQueries;
import com.evplatform.charging.session.application.SessionQueries.VersionedView;
import com.evplatform.charging.session.application.SessionSnapshots;
import com.evplatform.service.support.refusal.Refusal;

/**
 * Server-Sent Events of a session: each newer snapshot as a {@code session} event, ending after
 * a terminal status. Snapshots are pushed: the stream watches the session's channel, on which
 * whichever instance changed the session publishes its new snapshot. The database is re-read
 * every {@code stream-resync} as well (and every {@value #UNWATCHED_POLL_MILLIS} ms while the
 * channel cannot be watched), so a lost publish or a lost Redis write delays an update but never
 * hides it. A client that reconnects gets the current snapshot first.
 *
 * <p>Open streams are capped per user and per instance; past a cap the request is refused with
 * 429 {@code TOO_MANY_STREAMS}.
 */
@Component
class SessionStream implements DisposableBean {

    private static final Duration LONGEST = Duration.ofHours(12);
    private static final long UNWATCHED_POLL_MILLIS = 500;

    private final SessionQueries queries;
    private final ChargingProperties properties;
    private final ScheduledExecutorService resync = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().name("session-sse").daemon().factory());
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openByUser = new ConcurrentHashMap<>();
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

    SessionStream(SessionQueries queries, ChargingProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    SseEmitter follow(String sessionId, String userId) {
        admit(userId);
        var emitter = new SseEmitter(LONGEST.toMillis());
        var follower = new Follower(sessionId, userId, emitter);
        followers.add(follower);
        emitter.onCompletion(follower::end);
        emitter.onTimeout(follower::end);
        emitter.onError(error -> follower.end());
        long every;
        try {
            follower.subscription = queries.watch(sessionId, follower::offer);
            every = properties.streamResync().toMillis();
        } catch (RuntimeException e) {
            every = UNWATCHED_POLL_MILLIS; // Redis away: the database is polled instead
        }
        follower.resync = resync.scheduleWithFixedDelay(follower::reread, 0, every, TimeUnit.MILLISECONDS);
        return emitter;
    }

    /** Streams open on this instance, for tests and metrics. */
    int openStreams() {
        return open.get();
    }

    private void admit(String userId) {
        if (open.incrementAndGet() > properties.streamsPerInstance()) {
            open.decrementAndGet();
            throw tooMany("This instance serves as many session streams as it may; try again shortly.");
        }
        AtomicInteger own = openByUser.computeIfAbsent(userId, id -> new AtomicInteger());
        if (own.incrementAndGet() > properties.streamsPerUser()) {
            own.decrementAndGet();
            open.decrementAndGet();
            throw tooMany("At most " + properties.streamsPerUser() + " session streams may be open at once.");
        }
    }

    private static Refusal tooMany(String detail) {
        return new Refusal(Refusal.Kind.TOO_MANY, "TOO_MANY_STREAMS", detail);
    }

    /** One open stream: sends each view newer than the last it sent, one at a time. */
    private final class Follower {
        private final String sessionId;
        private final String userId;
        private final SseEmitter emitter;
        private volatile SessionSnapshots.Subscription subscription;
        private volatile ScheduledFuture<?> resync;
        private long lastVersion = -1;
        private boolean ended;

        Follower(String sessionId, String userId, SseEmitter emitter) {
            this.sessionId = sessionId;
            this.userId = userId;
            this.emitter = emitter;
        }

        void reread() {
            try {
                queries.current(sessionId).ifPresentOrElse(this::offer, this::finish);
            } catch (RuntimeException e) {
                // The database is away for a moment: the next re-read tries again.
            }
        }

        synchronized void offer(VersionedView view) {
            if (ended || view.version() <= lastVersion) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("session").data(view.view().toString(),
                        MediaType.APPLICATION_JSON));
                lastVersion = view.version();
            } catch (IOException | IllegalStateException e) {
                end(); // the client went away
                return;
            }
            String status = view.view().path("status").asString();
            if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                finish();
            }
        }

        private synchronized void finish() {
            if (!ended) {
                emitter.complete();
                end();
            }
        }

        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            followers.remove(this);
            if (resync != null) {
                resync.cancel(false);
            }
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (RuntimeException e) {
                    // Redis away: the container drops the subscription with the connection.
                }
            }
            open.decrementAndGet();
            openByUser.computeIfPresent(userId, (id, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    @Override
    public void destroy() {
        resync.shutdownNow();
        followers.forEach(Follower::end);
    }
}
