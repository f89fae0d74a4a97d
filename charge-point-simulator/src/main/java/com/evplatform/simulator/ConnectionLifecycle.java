package com.evplatform.simulator;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A charge point's life on its connection: connects and reconnects with backoff, boots with BootNotification
 * (retrying while Pending or Rejected), sends heartbeats, reboots after a Reset, and decides when queued calls go
 * out (only BootNotification before the boot is accepted). Used only on the charge point's serial executor, except
 * for the volatile state the queries read.
 */
final class ConnectionLifecycle {

    /** Logs under the charge point's public class, the name users configure logging for. */
    private static final System.Logger LOG = System.getLogger(SimulatedChargePoint.class.getName());
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
    private static final Duration MIN_BOOT_RETRY = Duration.ofSeconds(1);
    private static final Duration BOOT_RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final int SERIAL_NUMBER_MAX = 25;
    private static final Duration RETRY_AFTER_MIN_JITTER = Duration.ofSeconds(1);

    /** What the rest of the charge point hears from its connection, on the serial executor. */
    interface Events {
        /** The first BootNotification accepted on this connection. */
        void accepted();

        /** The connection ended and its session state is forgotten; transaction messages stay queued. */
        void ended();

        void frameReceived(String text);
    }

    private final String id;
    private final SimulatorConfig config;
    private final SimulatorRuntime runtime;
    private final SerialExecutor serial;
    private final Random random;
    private final Counters counters;
    private final Events events;
    private final OcppConnection connection;
    private final CallQueue calls;

    private volatile boolean connected;
    private volatile RegistrationStatus registration;

    private Duration heartbeatInterval;
    private boolean wantConnected;
    private boolean shutDown;
    private boolean bootDue;
    private boolean heartbeatQueued;
    private boolean restartWhenIdle;
    private int reconnectAttempts;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> bootRetryTimer;
    private ScheduledFuture<?> heartbeatTimer;
    private ScheduledFuture<?> restartFallback;

    ConnectionLifecycle(String id, SimulatorConfig config, SimulatorRuntime runtime, SerialExecutor serial,
            Random random, Counters counters, Events events) {
        this.id = id;
        this.config = config;
        this.runtime = runtime;
        this.serial = serial;
        this.random = random;
        this.counters = counters;
        this.events = events;
        this.heartbeatInterval = config.heartbeatInterval().orElse(DEFAULT_HEARTBEAT);
        this.connection = new OcppConnection(serial, runtime.httpClient, OcppConnection.endpoint(config.baseUrl(), id),
                config.passwordFor(id).map(password -> OcppConnection.basicAuth(id, password)), config.connectTimeout(),
                new ConnectionEvents());
        this.calls = new CallQueue(id, runtime, serial, config.callTimeout(), config.maxQueuedMessages(), counters,
                connection::send, this::pump);
    }

    // ---------------------------------------------------------------- state

    /** Whether the WebSocket is open; readable from any thread. */
    boolean isConnected() {
        return connected;
    }

    /** Whether the BootNotification was accepted on the current connection; readable from any thread. */
    boolean isBooted() {
        return registration == RegistrationStatus.ACCEPTED;
    }

    /** The answer to the last BootNotification on the current connection, or null; readable from any thread. */
    RegistrationStatus registration() {
        return registration;
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    // ---------------------------------------------------------------- connecting

    void start() {
        wantConnected = true;
        connect();
    }

    /** Drops the WebSocket without a closing handshake and stays offline until {@link #reconnect()}. */
    void disconnect() {
        wantConnected = false;
        cancel(reconnectTimer);
        drop("disconnected by command");
    }

    /** Connects again now, dropping the current connection if there is one. */
    void reconnect() {
        wantConnected = true;
        reconnectAttempts = 0;
        cancel(reconnectTimer);
        drop("reconnect by command");
        connect();
    }

    /** Stops for good: no more reconnects, timers or queued calls; closes the WebSocket after what is on the wire. */
    void shutDown(Runnable whenClosed) {
        shutDown = true;
        wantConnected = false;
        cancelSessionTimers();
        cancel(reconnectTimer);
        calls.clear();
        connection.close("Simulator stopped", () -> {
            connected = false;
            registration = null;
            whenClosed.run();
        });
    }

    /** Aborts the socket from any thread; for shutdown when the serial executor may no longer run. */
    void abortFromAnyThread() {
        connection.abortFromAnyThread();
    }

    private void connect() {
        if (shutDown || !wantConnected || !connection.isClosed()) {
            return;
        }
        cancel(reconnectTimer);
        connection.open();
    }

    private void drop(String reason) {
        if (!connection.isClosed()) {
            connection.drop();
            sessionEnded(reason);
        }
    }

    /** Connects again after the backoff, or after the {@code Retry-After} of a refused handshake. */
    private void scheduleReconnect(Optional<Duration> retryAfter) {
        if (shutDown || !wantConnected || !config.autoReconnect()) {
            return;
        }
        Duration delay = reconnectDelay(reconnectAttempts, config.reconnectMinBackoff(), config.reconnectMaxBackoff(),
                retryAfter, random);
        reconnectAttempts++;
        cancel(reconnectTimer);
        reconnectTimer = runtime.schedule(serial, () -> {
            reconnectTimer = null;
            connect();
        }, delay);
    }

    /**
     * The wait before connect attempt {@code attempt + 1}. A central system that refused the handshake with a
     * {@code Retry-After} is obeyed, as OCPP chargers are expected to: that wait plus a random 0 to 10 % of it (at
     * least up to {@link #RETRY_AFTER_MIN_JITTER}), so a fleet told the same wait does not come back in one burst.
     * Otherwise the backoff doubles from {@code min} per attempt up to {@code max}, each wait jittered by ±20 %
     * and never above {@code max}.
     */
    static Duration reconnectDelay(int attempt, Duration min, Duration max, Optional<Duration> retryAfter,
            Random random) {
        if (retryAfter.isPresent()) {
            long millis = retryAfter.get().toMillis();
            long jitter = Math.max(RETRY_AFTER_MIN_JITTER.toMillis(), millis / 10);
            return Duration.ofMillis(millis + (long) (jitter * random.nextDouble()));
        }
        long maxMillis = max.toMillis();
        long backoff = min.toMillis() << Math.min(attempt, 20);
        long jittered = (long) (Math.min(backoff, maxMillis) * (0.8 + 0.4 * random.nextDouble()));
        return Duration.ofMillis(Math.min(jittered, maxMillis));
    }

    /** Forgets the session's state when the connection ends; transaction messages stay queued. */
    private void sessionEnded(String reason) {
        LOG.log(Level.DEBUG, () -> id + ": connection ended: " + reason);
        connected = false;
        registration = null;
        bootDue = false;
        heartbeatQueued = false;
        restartWhenIdle = false;
        cancelSessionTimers();
        calls.connectionLost();
        events.ended();
    }

    private void cancelSessionTimers() {
        cancel(heartbeatTimer);
        cancel(bootRetryTimer);
        cancel(restartFallback);
        heartbeatTimer = null;
        bootRetryTimer = null;
        restartFallback = null;
    }

    /** Reboots once the queued calls are answered (or the call timeout passes): closes with Reset and connects. */
    void rebootWhenIdle() {
        restartWhenIdle = true;
        restartFallback = runtime.schedule(serial, this::restart, config.callTimeout());
        pump();
    }

    private void restart() {
        if (!restartWhenIdle) {
            return;
        }
        restartWhenIdle = false;
        connection.close("Reset", () -> {
            sessionEnded("reset");
            reconnectAttempts = 0;
            connect();
        });
    }

    /** What the WebSocket reports, on the serial executor. */
    private final class ConnectionEvents implements OcppConnection.Handler {

        @Override
        public void onOpen() {
            connected = true;
            counters.connects.incrementAndGet();
            counters.lastConnectError = null;
            reconnectAttempts = 0;
            registration = null;
            bootDue = true;
            LOG.log(Level.DEBUG, () -> id + ": connected");
            pump();
        }

        @Override
        public void onFrame(String text) {
            events.frameReceived(text);
        }

        @Override
        public void onFrameSent() {
            counters.framesSent.incrementAndGet();
        }

        @Override
        public void onLost(String reason) {
            sessionEnded(reason);
            scheduleReconnect(Optional.empty());
        }

        @Override
        public void onConnectFailed(ConnectFailure failure) {
            LOG.log(Level.DEBUG, () -> id + ": connect failed: " + failure.reason());
            counters.connectFailed(failure);
            scheduleReconnect(failure.retryAfter());
        }
    }

    // ---------------------------------------------------------------- frames and calls

    /** Sends a text frame as is, outside the call queue. */
    void send(String frame) {
        connection.send(frame);
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * Hands a CALLRESULT or CALLERROR to the queued call it answers.
     *
     * @return false when it answers no call in flight
     */
    boolean completeCall(OcppFrame response, String text) {
        return calls.complete(response, text);
    }

    /** Queues a call; a call that is not a transaction message is only sent on an accepted connection. */
    void offer(OutgoingCall call) {
        if (!call.transactional() && registration != RegistrationStatus.ACCEPTED) {
            return;
        }
        calls.add(call);
        pump();
    }

    /** Sends what may be sent now: only BootNotification before acceptance, then the queue in order. */
    private void pump() {
        if (!connection.isOpen() || calls.hasCallInFlight()) {
            return;
        }
        if (registration != RegistrationStatus.ACCEPTED) {
            if (bootDue) {
                bootDue = false;
                calls.send(bootNotification());
            }
            return;
        }
        calls.sendWaiting();
        if (restartWhenIdle && calls.isIdle()) {
            restart();
        }
    }

    // ---------------------------------------------------------------- boot and heartbeat

    void triggerBootNotification() {
        if (registration == RegistrationStatus.ACCEPTED) {
            offer(bootNotification());
        } else {
            cancel(bootRetryTimer);
            bootDue = true;
            pump();
        }
    }

    void triggerHeartbeat() {
        offer(heartbeat());
    }

    void changeHeartbeatInterval(Duration interval) {
        heartbeatInterval = interval;
        if (registration == RegistrationStatus.ACCEPTED) {
            restartHeartbeat();
        }
    }

    private OutgoingCall bootNotification() {
        ObjectNode payload = OcppFrame.object()
                .put("chargePointVendor", config.vendor())
                .put("chargePointModel", config.model())
                .put("chargePointSerialNumber", id.length() > SERIAL_NUMBER_MAX ? id.substring(0, SERIAL_NUMBER_MAX) : id)
                .put("firmwareVersion", config.firmwareVersion());
        return new OutgoingCall("BootNotification", () -> payload, false, this::bootAnswered, failure -> {
            if (registration != RegistrationStatus.ACCEPTED) {
                retryBoot(BOOT_RETRY_AFTER_FAILURE);
            }
        });
    }

    private void bootAnswered(JsonNode answer) {
        String status = answer.path("status").asString("");
        int interval = answer.path("interval").asInt(0);
        switch (status) {
            case "Accepted" -> bootAccepted(interval);
            case "Pending" -> {
                registration = RegistrationStatus.PENDING;
                retryBoot(Duration.ofSeconds(interval));
            }
            default -> {
                registration = RegistrationStatus.REJECTED;
                retryBoot(Duration.ofSeconds(interval));
            }
        }
    }

    private void bootAccepted(int intervalSeconds) {
        boolean newlyAccepted = registration != RegistrationStatus.ACCEPTED;
        registration = RegistrationStatus.ACCEPTED;
        heartbeatInterval = config.heartbeatInterval()
                .orElse(intervalSeconds > 0 ? Duration.ofSeconds(intervalSeconds) : DEFAULT_HEARTBEAT);
        restartHeartbeat();
        if (newlyAccepted) {
            events.accepted();
        }
    }

    private void retryBoot(Duration interval) {
        Duration delay = interval.compareTo(MIN_BOOT_RETRY) < 0 ? MIN_BOOT_RETRY : interval;
        cancel(bootRetryTimer);
        bootRetryTimer = runtime.schedule(serial, () -> {
            bootRetryTimer = null;
            if (registration != RegistrationStatus.ACCEPTED) {
                bootDue = true;
                pump();
            }
        }, delay);
    }

    private void restartHeartbeat() {
        cancel(heartbeatTimer);
        heartbeatTimer = runtime.scheduleAtFixedRate(serial, this::heartbeatDue, heartbeatInterval);
    }

    private void heartbeatDue() {
        if (registration != RegistrationStatus.ACCEPTED || heartbeatQueued) {
            return;
        }
        heartbeatQueued = true;
        offer(heartbeat());
    }

    private OutgoingCall heartbeat() {
        return new OutgoingCall("Heartbeat", () -> {
            heartbeatQueued = false;
            return OcppFrame.object();
        }, false, answer -> { }, failure -> { });
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
