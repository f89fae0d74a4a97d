package com.evplatform.simulator;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated OCPP 1.6J charge point: boots, reports connector status, sends heartbeats, answers the central
 * system's CALLs and runs transactions with a realistic meter, queueing transaction messages while offline.
 *
 * <p>All of its work runs on its own serial executor over a pool shared by every charge point, so thousands
 * cost a few threads. The commands here ({@link #plugIn}, {@link #fault}, {@link #disconnect}, ...) change the
 * local state before they return; what they send reaches the server asynchronously.
 */
public final class SimulatedChargePoint {

    private static final System.Logger LOG = System.getLogger(SimulatedChargePoint.class.getName());
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
    private static final Duration MIN_BOOT_RETRY = Duration.ofSeconds(1);
    private static final Duration BOOT_RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final int SERIAL_NUMBER_MAX = 25;

    private record RawExchange(String uniqueId, CompletableFuture<String> reply) {
    }

    private final String id;
    private final SimulatorConfig config;
    private final SimulatorRuntime runtime;
    private final boolean autoCharge;
    private final Random random;
    private final SerialExecutor serial;
    private final Counters counters = new Counters();
    private final List<Connector> connectors;
    private final OcppConnection connection;
    private final CallQueue calls;
    private final List<RawExchange> rawExchanges = new ArrayList<>();
    private final IncomingCalls incomingCalls = new IncomingCalls(this);

    private volatile boolean connected;
    private volatile RegistrationStatus registration;
    private volatile CompletableFuture<Void> booted = new CompletableFuture<>();
    private volatile RemoteStartBehaviour remoteStartBehaviour;
    private volatile String lastFrameReceived;

    private ConnectorStatus chargePointStatus = ConnectorStatus.AVAILABLE;
    private Duration heartbeatInterval;
    private Duration meterInterval;
    private boolean stopTransactionOnInvalidId;
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

    SimulatedChargePoint(String id, SimulatorConfig config, SimulatorRuntime runtime, boolean autoCharge, long seed) {
        this.id = id;
        this.config = config;
        this.runtime = runtime;
        this.autoCharge = autoCharge;
        this.random = new Random(seed);
        this.serial = new SerialExecutor(runtime.workers, id);
        this.remoteStartBehaviour = config.remoteStart();
        this.heartbeatInterval = config.heartbeatInterval().orElse(DEFAULT_HEARTBEAT);
        this.meterInterval = config.meterInterval();
        this.stopTransactionOnInvalidId = config.stopTransactionOnInvalidId();
        List<Connector> list = new ArrayList<>();
        for (int n = 1; n <= config.connectorsPerCharger(); n++) {
            long initialWh = config.initialMeterWh().orElseGet(() -> random.nextLong(100_000));
            list.add(new Connector(n, initialWh));
        }
        this.connectors = List.copyOf(list);
        this.connection = new OcppConnection(serial, runtime.httpClient, uri(config.baseUrl(), id),
                config.passwordFor(id).map(password -> basicAuth(id, password)), config.connectTimeout(),
                new ConnectionEvents());
        this.calls = new CallQueue(id, runtime, serial, config.callTimeout(), config.maxQueuedMessages(), counters,
                connection::send, this::pump);
    }

    private static URI uri(String baseUrl, String id) {
        return URI.create(baseUrl + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String basicAuth(String id, String password) {
        String credentials = id + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- queries

    public String id() {
        return id;
    }

    public int connectorCount() {
        return connectors.size();
    }

    /** Whether the WebSocket is open. */
    public boolean isConnected() {
        return connected;
    }

    /** Whether the BootNotification was accepted on the current connection. */
    public boolean isBooted() {
        return registration == RegistrationStatus.ACCEPTED;
    }

    /** The answer to the last BootNotification on the current connection; empty before the first answer. */
    public Optional<RegistrationStatus> registrationStatus() {
        return Optional.ofNullable(registration);
    }

    /**
     * Waits until the BootNotification on the current (or next) connection is accepted.
     *
     * @throws IllegalStateException if that does not happen within the timeout
     */
    public void awaitBooted(Duration timeout) {
        try {
            booted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String lastError = counters.lastConnectError;
            throw new IllegalStateException(id + " not booted within " + timeout
                    + (lastError == null ? "" : "; last connect error: " + lastError));
        } catch (ExecutionException e) {
            throw new IllegalStateException(id + " stopped", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public ConnectorStatus connectorStatus(int connectorId) {
        return onChargePoint(() -> connectorId == 0 ? chargePointStatus : connector(connectorId).status);
    }

    /** The central system's id of the transaction running on the connector, once its StartTransaction is answered. */
    public OptionalInt transactionId(int connectorId) {
        return onChargePoint(() -> {
            Transaction transaction = connector(connectorId).transaction;
            return transaction == null || transaction.transactionId == null
                    ? OptionalInt.empty() : OptionalInt.of(transaction.transactionId);
        });
    }

    /** Whether a transaction runs on the connector, acknowledged by the server or not. */
    public boolean hasTransaction(int connectorId) {
        return onChargePoint(() -> connector(connectorId).transaction != null);
    }

    /** The connector's energy register in Wh, as of the last meter sample. */
    public long meterRegisterWh(int connectorId) {
        return onChargePoint(() -> connector(connectorId).registerWh());
    }

    /** The heartbeat interval in use: from the BootNotification answer, the configuration or ChangeConfiguration. */
    public Duration heartbeatInterval() {
        return onChargePoint(() -> heartbeatInterval);
    }

    public Duration meterInterval() {
        return onChargePoint(() -> meterInterval);
    }

    /** The configuration key StopTransactionOnInvalidId: from the configuration or ChangeConfiguration. */
    public boolean stopTransactionOnInvalidId() {
        return onChargePoint(() -> stopTransactionOnInvalidId);
    }

    public RemoteStartBehaviour remoteStartBehaviour() {
        return remoteStartBehaviour;
    }

    /** The last text frame received, whatever it was. */
    public Optional<String> lastFrameReceived() {
        return Optional.ofNullable(lastFrameReceived);
    }

    public ChargePointStats stats() {
        return counters.snapshot();
    }

    int chargingConnectors() {
        int charging = 0;
        for (Connector connector : connectors) {
            if (connector.status == ConnectorStatus.CHARGING) {
                charging++;
            }
        }
        return charging;
    }

    String lastConnectError() {
        return counters.lastConnectError;
    }

    // ---------------------------------------------------------------- commands

    /** Changes how this charge point answers RemoteStartTransaction from now on. */
    public void remoteStartBehaviour(RemoteStartBehaviour behaviour) {
        this.remoteStartBehaviour = Objects.requireNonNull(behaviour);
    }

    /** A vehicle is plugged in: the connector goes to Preparing. */
    public void plugIn(int connectorId) {
        onChargePoint(() -> {
            Connector connector = connector(connectorId);
            if (connector.faulted || connector.inoperative) {
                throw new IllegalStateException("connector " + connectorId + " is " + connector.status);
            }
            if (!connector.pluggedIn) {
                connector.pluggedIn = true;
                if (connector.transaction == null && connector.status == ConnectorStatus.AVAILABLE) {
                    setStatus(connector, ConnectorStatus.PREPARING);
                }
            }
            return null;
        });
    }

    /** The vehicle leaves: a running transaction stops with reason EVDisconnected, the connector becomes Available. */
    public void unplug(int connectorId) {
        onChargePoint(() -> {
            Connector connector = connector(connectorId);
            cancelPendingRemoteStart(connector);
            if (stopTransaction(connector, StopReason.EV_DISCONNECTED)) {
                release(connector);
            } else if (connector.pluggedIn) {
                connector.pluggedIn = false;
                if (connector.status == ConnectorStatus.PREPARING) {
                    setStatus(connector, ConnectorStatus.AVAILABLE);
                }
            }
            return null;
        });
    }

    /**
     * Starts a transaction locally, as if the idTag were presented at the charger; works offline too, in which
     * case StartTransaction waits in the queue and charging begins at once.
     *
     * @throws IllegalStateException if the connector is busy, faulted or unavailable
     */
    public void startTransaction(int connectorId, String idTag) {
        if (idTag == null || idTag.isEmpty() || idTag.length() > SimulatorConfig.CI_STRING_20) {
            throw new IllegalArgumentException("idTag must be 1 to 20 characters");
        }
        onChargePoint(() -> {
            Connector connector = connector(connectorId);
            if (!connector.isIdle()) {
                throw new IllegalStateException("connector " + connectorId + " is " + connector.status
                        + (connector.transaction != null ? " with a transaction" : ""));
            }
            startTransaction(connector, idTag);
            return null;
        });
    }

    /**
     * Stops the connector's transaction locally (reason Local).
     *
     * @return false if none was running
     */
    public boolean stopTransaction(int connectorId) {
        return onChargePoint(() -> {
            Connector connector = connector(connectorId);
            boolean stopped = stopTransaction(connector, StopReason.LOCAL);
            if (stopped) {
                release(connector);
            }
            return stopped;
        });
    }

    /** Faults the connector with GroundFailure. */
    public void fault(int connectorId) {
        fault(connectorId, ConnectorErrorCode.GROUND_FAILURE);
    }

    /** Faults the connector: a running transaction stops with reason Other, the status becomes Faulted. */
    public void fault(int connectorId, ConnectorErrorCode errorCode) {
        onChargePoint(() -> {
            Connector connector = connector(connectorId);
            cancelPendingRemoteStart(connector);
            stopTransaction(connector, StopReason.OTHER);
            connector.faulted = true;
            connector.errorCode = errorCode;
            setStatus(connector, ConnectorStatus.FAULTED);
            return null;
        });
    }

    /** Clears a fault: the connector returns to Available (Preparing if a vehicle is plugged in). */
    public void clearFault(int connectorId) {
        onChargePoint(() -> {
            Connector connector = connector(connectorId);
            if (connector.faulted) {
                connector.faulted = false;
                connector.errorCode = ConnectorErrorCode.NO_ERROR;
                setStatus(connector, idleStatus(connector));
            }
            return null;
        });
    }

    /** Drops the WebSocket without a closing handshake and stays offline until {@link #reconnect()}. */
    public void disconnect() {
        onChargePoint(() -> {
            wantConnected = false;
            cancel(reconnectTimer);
            if (!connection.isClosed()) {
                connection.drop();
                sessionEnded("disconnected by command");
            }
            return null;
        });
    }

    /** Connects again now, dropping the current connection if there is one. */
    public void reconnect() {
        onChargePoint(() -> {
            wantConnected = true;
            reconnectAttempts = 0;
            cancel(reconnectTimer);
            if (!connection.isClosed()) {
                connection.drop();
                sessionEnded("reconnect by command");
            }
            connect();
            return null;
        });
    }

    /**
     * Sends a text frame as is, outside the one-call-in-flight queue, for tests of the server's validation.
     *
     * @return the reply: for a CALL, the CALLRESULT or CALLERROR with its unique id; otherwise the next frame
     */
    public CompletableFuture<String> sendRaw(String frame) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        onChargePoint(() -> {
            if (!connection.isOpen()) {
                reply.completeExceptionally(new IllegalStateException(id + " is not connected"));
                return null;
            }
            String uniqueId = null;
            try {
                if (OcppFrame.parse(frame) instanceof OcppFrame.Call call) {
                    uniqueId = call.uniqueId();
                }
            } catch (OcppFrame.MalformedFrameException e) {
                uniqueId = null;
            }
            rawExchanges.add(new RawExchange(uniqueId, reply));
            connection.send(frame);
            return null;
        });
        return reply;
    }

    // ---------------------------------------------------------------- lifecycle, used by Simulator

    void start() {
        serial.execute(() -> {
            wantConnected = true;
            connect();
        });
    }

    /** Stops every running transaction; completes once their StopTransactions are queued. */
    CompletableFuture<Void> stopAllTransactions(StopReason reason) {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                for (Connector connector : connectors) {
                    if (stopTransaction(connector, reason)) {
                        release(connector);
                    }
                }
                queued.complete(null);
            });
        } catch (RuntimeException poolShutDown) {
            queued.complete(null);
        }
        return queued;
    }

    /** Nothing left to send, or no connection to send it on. */
    boolean isQuiet() {
        return !connected || counters.queuedCalls == 0;
    }

    /** Closes the WebSocket after what is already on the wire; completes when the Close frame is sent. */
    CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                shutDown = true;
                wantConnected = false;
                cancelSessionTimers();
                cancel(reconnectTimer);
                connectors.forEach(Connector::cancelTimers);
                calls.clear();
                connection.close("Simulator stopped", () -> {
                    connected = false;
                    registration = null;
                    closed.complete(null);
                });
            });
        } catch (RuntimeException poolShutDown) {
            closed.complete(null);
        }
        return closed;
    }

    void abort() {
        connection.abortFromAnyThread();
        booted.completeExceptionally(new IllegalStateException("simulator closed"));
    }

    // ---------------------------------------------------------------- connection

    private void connect() {
        if (shutDown || !wantConnected || !connection.isClosed()) {
            return;
        }
        cancel(reconnectTimer);
        connection.open();
    }

    private void scheduleReconnect() {
        if (shutDown || !wantConnected || !config.autoReconnect()) {
            return;
        }
        long minMillis = config.reconnectMinBackoff().toMillis();
        long maxMillis = config.reconnectMaxBackoff().toMillis();
        long backoff = minMillis << Math.min(reconnectAttempts, 20);
        reconnectAttempts++;
        long jittered = (long) (Math.min(backoff, maxMillis) * (0.8 + 0.4 * random.nextDouble()));
        cancel(reconnectTimer);
        reconnectTimer = runtime.schedule(serial, () -> {
            reconnectTimer = null;
            connect();
        }, Duration.ofMillis(Math.min(jittered, maxMillis)));
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
        if (booted.isDone()) {
            booted = new CompletableFuture<>();
        }
        for (RawExchange exchange : rawExchanges) {
            exchange.reply().completeExceptionally(new IllegalStateException(id + ": connection ended"));
        }
        rawExchanges.clear();
        for (Connector connector : connectors) {
            Transaction transaction = connector.transaction;
            if (transaction != null && !transaction.charging) {
                beginCharging(connector, transaction);
            }
        }
    }

    private void cancelSessionTimers() {
        cancel(heartbeatTimer);
        cancel(bootRetryTimer);
        cancel(restartFallback);
        heartbeatTimer = null;
        bootRetryTimer = null;
        restartFallback = null;
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
            received(text);
        }

        @Override
        public void onFrameSent() {
            counters.framesSent.incrementAndGet();
        }

        @Override
        public void onLost(String reason) {
            sessionEnded(reason);
            scheduleReconnect();
        }

        @Override
        public void onConnectFailed(String reason) {
            LOG.log(Level.DEBUG, () -> id + ": connect failed: " + reason);
            counters.connectFailures.incrementAndGet();
            counters.lastConnectError = reason;
            scheduleReconnect();
        }
    }

    // ---------------------------------------------------------------- outgoing calls

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

    /** Queues a call; a call that is not a transaction message is only sent on an accepted connection. */
    private void offer(OutgoingCall call) {
        if (!call.transactional() && registration != RegistrationStatus.ACCEPTED) {
            return;
        }
        calls.add(call);
        pump();
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
            sendStatus(0);
            connectors.forEach(connector -> sendStatus(connector.id));
            booted.complete(null);
            if (autoCharge && connectors.getFirst().isIdle()) {
                startTransaction(connectors.getFirst(), config.idTag());
            }
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

    private void setStatus(Connector connector, ConnectorStatus status) {
        connector.status = status;
        sendStatus(connector.id);
    }

    private void sendStatus(int connectorId) {
        ConnectorStatus status;
        ConnectorErrorCode errorCode;
        if (connectorId == 0) {
            status = chargePointStatus;
            errorCode = ConnectorErrorCode.NO_ERROR;
        } else {
            Connector connector = connector(connectorId);
            status = connector.status;
            errorCode = connector.faulted ? connector.errorCode : ConnectorErrorCode.NO_ERROR;
        }
        ObjectNode payload = OcppFrame.object()
                .put("connectorId", connectorId)
                .put("errorCode", errorCode.ocppName())
                .put("status", status.ocppName())
                .put("timestamp", OcppFrame.timestamp(now()));
        offer(OutgoingCall.of("StatusNotification", payload));
    }

    private OutgoingCall meterValues(Connector connector, Transaction transaction, String context,
            boolean transactional) {
        String timestamp = OcppFrame.timestamp(now());
        long energyWh = connector.registerWh();
        long powerW = Math.round(connector.powerW());
        SimulatedVehicle vehicle = connector.vehicle;
        Long stateOfCharge = vehicle == null ? null : (long) Math.floor(vehicle.stateOfChargePercent());
        Supplier<JsonNode> payload = () -> {
            ObjectNode meterValues = OcppFrame.object().put("connectorId", connector.id);
            if (transaction != null && transaction.transactionId != null) {
                meterValues.put("transactionId", transaction.transactionId);
            }
            ObjectNode meterValue = meterValues.putArray("meterValue").addObject().put("timestamp", timestamp);
            ArrayNode samples = meterValue.putArray("sampledValue");
            Payloads.addSample(samples, Long.toString(energyWh), "Energy.Active.Import.Register", "Wh", context, null);
            Payloads.addSample(samples, Long.toString(powerW), "Power.Active.Import", "W", context, null);
            if (stateOfCharge != null) {
                Payloads.addSample(samples, Long.toString(stateOfCharge), "SoC", "Percent", context, "EV");
            }
            return meterValues;
        };
        return new OutgoingCall("MeterValues", payload, transactional, answer -> { }, failure -> { });
    }

    // ---------------------------------------------------------------- transactions

    void startTransaction(Connector connector, String idTag) {
        if (!connector.pluggedIn) {
            connector.pluggedIn = true;
            setStatus(connector, ConnectorStatus.PREPARING);
        }
        double stateOfCharge = 10.0 + random.nextDouble() * 50.0;
        connector.vehicle = new SimulatedVehicle(config.batteryCapacityKwh() * 1000.0, config.maxPowerKw() * 1000.0,
                stateOfCharge);
        Transaction transaction = new Transaction(connector.id, idTag, connector.registerWh(), now());
        connector.transaction = transaction;
        ObjectNode payload = OcppFrame.object()
                .put("connectorId", connector.id)
                .put("idTag", idTag)
                .put("meterStart", transaction.meterStartWh)
                .put("timestamp", OcppFrame.timestamp(transaction.startedAt));
        offer(new OutgoingCall("StartTransaction", () -> payload, true,
                answer -> startAnswered(connector, transaction, answer),
                failure -> startFailed(connector, transaction, failure)));
        if (!connected || registration != RegistrationStatus.ACCEPTED) {
            beginCharging(connector, transaction);
        }
    }

    private void startAnswered(Connector connector, Transaction transaction, JsonNode answer) {
        JsonNode transactionId = answer.get("transactionId");
        if (transactionId != null && transactionId.isIntegralNumber() && transactionId.canConvertToInt()) {
            transaction.transactionId = transactionId.intValue();
        }
        if (transaction.stopped) {
            return;
        }
        String status = answer.path("idTagInfo").path("status").asString("");
        if ("Accepted".equals(status) || !stopTransactionOnInvalidId) {
            // Not accepted, with StopTransactionOnInvalidId false: the transaction goes on charging.
            beginCharging(connector, transaction);
        } else {
            stopTransaction(connector, StopReason.DE_AUTHORIZED);
            release(connector);
        }
    }

    private void startFailed(Connector connector, Transaction transaction, OutgoingCall.Failure failure) {
        if (transaction.stopped) {
            return;
        }
        if (failure == OutgoingCall.Failure.TIMEOUT) {
            beginCharging(connector, transaction);
            return;
        }
        transaction.stopped = true;
        connector.cancelTimers();
        connector.transaction = null;
        connector.vehicle = null;
        release(connector);
    }

    private void beginCharging(Connector connector, Transaction transaction) {
        if (transaction.charging || transaction.stopped) {
            return;
        }
        transaction.charging = true;
        connector.startSampling(System.nanoTime());
        setStatus(connector, ConnectorStatus.CHARGING);
        scheduleSampling(connector);
    }

    private void scheduleSampling(Connector connector) {
        if (connector.meterSampling != null) {
            connector.meterSampling.cancel(false);
        }
        connector.meterSampling = runtime.scheduleAtFixedRate(serial, () -> sampleMeter(connector), meterInterval);
    }

    private void sampleMeter(Connector connector) {
        Transaction transaction = connector.transaction;
        if (transaction == null || !transaction.charging) {
            return;
        }
        connector.advanceMeter(System.nanoTime(), config.speedup());
        offer(meterValues(connector, transaction, "Sample.Periodic", true));
    }

    /**
     * Ends the connector's transaction and queues its StopTransaction.
     *
     * @return false if none was running
     */
    private boolean stopTransaction(Connector connector, StopReason reason) {
        Transaction transaction = connector.transaction;
        if (transaction == null) {
            return false;
        }
        connector.advanceMeter(System.nanoTime(), config.speedup());
        connector.cancelTimers();
        transaction.stopped = true;
        transaction.charging = false;
        connector.transaction = null;
        connector.vehicle = null;
        long meterStop = Math.max(connector.registerWh(), transaction.meterStartWh);
        String timestamp = OcppFrame.timestamp(now());
        Supplier<JsonNode> payload = () -> transaction.transactionId == null ? null : OcppFrame.object()
                .put("transactionId", transaction.transactionId)
                .put("idTag", transaction.idTag)
                .put("meterStop", meterStop)
                .put("timestamp", timestamp)
                .put("reason", reason.ocppName());
        offer(new OutgoingCall("StopTransaction", payload, true, answer -> { }, failure -> { }));
        return true;
    }

    /** After a transaction: the vehicle leaves, the connector goes Finishing then Available (or Unavailable). */
    private void release(Connector connector) {
        connector.pluggedIn = false;
        if (connector.faulted) {
            return;
        }
        if (connector.scheduledInoperative != null) {
            connector.inoperative = connector.scheduledInoperative;
            connector.scheduledInoperative = null;
        }
        if (connector.inoperative) {
            setStatus(connector, ConnectorStatus.UNAVAILABLE);
            return;
        }
        setStatus(connector, ConnectorStatus.FINISHING);
        setStatus(connector, ConnectorStatus.AVAILABLE);
    }

    private void cancelPendingRemoteStart(Connector connector) {
        connector.remoteStartPending = false;
        if (connector.lateStart != null) {
            connector.lateStart.cancel(false);
            connector.lateStart = null;
        }
    }

    private static ConnectorStatus idleStatus(Connector connector) {
        if (connector.inoperative) {
            return ConnectorStatus.UNAVAILABLE;
        }
        return connector.pluggedIn ? ConnectorStatus.PREPARING : ConnectorStatus.AVAILABLE;
    }

    // ---------------------------------------------------------------- incoming frames

    private void received(String text) {
        counters.framesReceived.incrementAndGet();
        lastFrameReceived = text;
        OcppFrame frame;
        try {
            frame = OcppFrame.parse(text);
        } catch (OcppFrame.MalformedFrameException e) {
            counters.framesIgnored.incrementAndGet();
            answerRawExchange(null, text);
            LOG.log(Level.DEBUG, () -> id + ": ignored frame (" + e.getMessage() + "): " + text);
            return;
        }
        if (answerRawExchange(frame, text)) {
            return;
        }
        switch (frame) {
            case OcppFrame.Call call -> answer(call);
            case OcppFrame.CallResult result -> completeCall(result, text);
            case OcppFrame.CallError error -> completeCall(error, text);
        }
    }

    private void completeCall(OcppFrame response, String text) {
        if (!calls.complete(response, text)) {
            counters.framesIgnored.incrementAndGet();
        }
    }

    /** @return true if the frame is the reply to a raw CALL and needs no further handling */
    private boolean answerRawExchange(OcppFrame frame, String text) {
        Iterator<RawExchange> exchanges = rawExchanges.iterator();
        while (exchanges.hasNext()) {
            RawExchange exchange = exchanges.next();
            if (exchange.uniqueId() == null) {
                exchanges.remove();
                exchange.reply().complete(text);
            } else if (frame != null && !(frame instanceof OcppFrame.Call)
                    && exchange.uniqueId().equals(frame.uniqueId())) {
                exchanges.remove();
                exchange.reply().complete(text);
                return true;
            }
        }
        return false;
    }

    private void answer(OcppFrame.Call call) {
        if (registration == RegistrationStatus.REJECTED) {
            counters.framesIgnored.incrementAndGet();
            return;
        }
        IncomingCalls.Answer answer;
        try {
            answer = incomingCalls.answer(call);
        } catch (OcppException e) {
            counters.incomingCallsAnswered.incrementAndGet();
            connection.send(OcppFrame.callError(call.uniqueId(), e.errorCode(), e.getMessage()));
            return;
        }
        counters.incomingCallsAnswered.incrementAndGet();
        connection.send(OcppFrame.callResult(call.uniqueId(), answer.payload()));
        answer.then().run();
    }

    // ---------------------------------------------------------------- effects of the central system's CALLs

    List<Connector> connectors() {
        return connectors;
    }

    Duration currentHeartbeatInterval() {
        return heartbeatInterval;
    }

    Duration currentMeterInterval() {
        return meterInterval;
    }

    boolean currentStopTransactionOnInvalidId() {
        return stopTransactionOnInvalidId;
    }

    void changeStopTransactionOnInvalidId(boolean stop) {
        stopTransactionOnInvalidId = stop;
    }

    /** The vehicle is plugged in now; the transaction starts after {@link SimulatorConfig#remoteStartDelay()}. */
    void startTransactionLater(Connector connector, String idTag) {
        if (!connector.pluggedIn) {
            connector.pluggedIn = true;
            setStatus(connector, ConnectorStatus.PREPARING);
        }
        connector.lateStart = runtime.schedule(serial, () -> {
            connector.lateStart = null;
            connector.remoteStartPending = false;
            if (connector.isIdle()) {
                startTransaction(connector, idTag);
            }
        }, config.remoteStartDelay());
    }

    void stopAndRelease(Connector connector, StopReason reason) {
        if (stopTransaction(connector, reason)) {
            release(connector);
        }
    }

    /** Stops all transactions, then reboots once their StopTransactions are answered (or the call timeout passes). */
    void reset(StopReason reason) {
        for (Connector connector : connectors) {
            cancelPendingRemoteStart(connector);
            stopTransaction(connector, reason);
            connector.pluggedIn = false;
            if (!connector.faulted && !connector.inoperative) {
                connector.status = ConnectorStatus.AVAILABLE;
            }
        }
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

    void unlock(Connector connector) {
        cancelPendingRemoteStart(connector);
        if (stopTransaction(connector, StopReason.UNLOCK_COMMAND)) {
            release(connector);
        } else if (connector.pluggedIn && connector.status == ConnectorStatus.PREPARING) {
            connector.pluggedIn = false;
            setStatus(connector, ConnectorStatus.AVAILABLE);
        }
    }

    /** Applies ChangeAvailability now, or when the running transaction ends. */
    void changeAvailability(boolean wholeChargePoint, List<Connector> targets, boolean inoperative) {
        if (wholeChargePoint) {
            chargePointStatus = inoperative ? ConnectorStatus.UNAVAILABLE : ConnectorStatus.AVAILABLE;
            sendStatus(0);
        }
        for (Connector connector : targets) {
            if (connector.transaction != null) {
                connector.scheduledInoperative = inoperative;
            } else {
                applyAvailability(connector, inoperative);
            }
        }
    }

    private void applyAvailability(Connector connector, boolean inoperative) {
        connector.scheduledInoperative = null;
        connector.inoperative = inoperative;
        if (inoperative) {
            cancelPendingRemoteStart(connector);
        }
        if (!connector.faulted) {
            setStatus(connector, idleStatus(connector));
        }
    }

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

    /** Status of one connector (0 is the charge point), or of all when none is given. */
    void triggerStatusNotification(OptionalInt connectorId) {
        if (connectorId.isPresent()) {
            sendStatus(connectorId.getAsInt());
        } else {
            sendStatus(0);
            connectors.forEach(connector -> sendStatus(connector.id));
        }
    }

    void triggerMeterValues(List<Connector> targets) {
        for (Connector connector : targets) {
            connector.advanceMeter(System.nanoTime(), config.speedup());
            offer(meterValues(connector, connector.transaction, "Trigger", false));
        }
    }

    void changeHeartbeatInterval(Duration interval) {
        heartbeatInterval = interval;
        if (registration == RegistrationStatus.ACCEPTED) {
            restartHeartbeat();
        }
    }

    void changeMeterInterval(Duration interval) {
        meterInterval = interval;
        connectors.stream().filter(Connector::isCharging).forEach(this::scheduleSampling);
    }

    // ---------------------------------------------------------------- helpers

    private Connector connector(int connectorId) {
        Connector connector = findConnector(connectorId);
        if (connector == null) {
            throw new IllegalArgumentException(id + " has no connector " + connectorId
                    + " (connectors are 1 to " + connectors.size() + ")");
        }
        return connector;
    }

    Connector findConnector(int connectorId) {
        return connectorId >= 1 && connectorId <= connectors.size() ? connectors.get(connectorId - 1) : null;
    }

    /** The first Available connector, else the first idle one with a vehicle plugged in. */
    Connector firstIdleConnector() {
        Connector preparing = null;
        for (Connector connector : connectors) {
            if (connector.isIdle()) {
                if (connector.status == ConnectorStatus.AVAILABLE) {
                    return connector;
                }
                if (preparing == null) {
                    preparing = connector;
                }
            }
        }
        return preparing;
    }

    private Instant now() {
        return runtime.clock.instant();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Runs on the serial executor and waits, so commands and queries see a consistent state. */
    private <T> T onChargePoint(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                try {
                    result.complete(action.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
            return result.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(id + ": command not run within " + COMMAND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("simulator closed", e);
        }
    }
}
