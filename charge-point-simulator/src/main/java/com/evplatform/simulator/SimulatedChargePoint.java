package com.evplatform.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One simulated OCPP 1.6J charge point: boots, reports connector status, sends heartbeats, answers the central
 * system's CALLs and runs transactions with a realistic meter, queueing transaction messages while offline.
 *
 * <p>All of its work runs on its own serial executor over a pool shared by every charge point, so thousands
 * cost a few threads. The commands here ({@link #plugIn}, {@link #fault}, {@link #disconnect}, ...) change the
 * local state before they return; what they send reaches the server asynchronously.
 *
 * <p>The work itself is done by {@link ConnectionLifecycle} (connection, boot, heartbeat, outgoing calls),
 * {@link Connectors} (statuses), {@link Transactions} (transactions and meter values) and {@link IncomingFrames}
 * with {@link IncomingCalls} (what the central system sends).
 */
public final class SimulatedChargePoint {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final SimulatorConfig config;
    private final boolean autoCharge;
    private final SerialExecutor serial;
    private final Counters counters = new Counters();
    private final ConnectionLifecycle link;
    private final Connectors connectors;
    private final Transactions transactions;
    private final IncomingCalls incomingCalls;
    private final IncomingFrames frames;

    private volatile CompletableFuture<Void> booted = new CompletableFuture<>();

    SimulatedChargePoint(String id, SimulatorConfig config, SimulatorRuntime runtime, boolean autoCharge, long seed) {
        this.id = id;
        this.config = config;
        this.autoCharge = autoCharge;
        Random random = new Random(seed);
        this.serial = new SerialExecutor(runtime.workers, id);
        this.link = new ConnectionLifecycle(id, config, runtime, serial, random, counters, new LinkEvents());
        this.connectors = new Connectors(id, config, runtime, random, link);
        this.transactions = new Transactions(config, runtime, serial, random, link, connectors);
        this.incomingCalls = new IncomingCalls(link, connectors, transactions, config.remoteStart());
        this.frames = new IncomingFrames(id, counters, link, incomingCalls);
    }

    // ---------------------------------------------------------------- queries

    public String id() {
        return id;
    }

    public int connectorCount() {
        return connectors.all().size();
    }

    /** Whether the WebSocket is open. */
    public boolean isConnected() {
        return link.isConnected();
    }

    /** Whether the BootNotification was accepted on the current connection. */
    public boolean isBooted() {
        return link.isBooted();
    }

    /** The answer to the last BootNotification on the current connection; empty before the first answer. */
    public Optional<RegistrationStatus> registrationStatus() {
        return Optional.ofNullable(link.registration());
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
        return onChargePoint(() -> connectors.status(connectorId));
    }

    /** The central system's id of the transaction running on the connector, once its StartTransaction is answered. */
    public OptionalInt transactionId(int connectorId) {
        return onChargePoint(() -> {
            Transaction transaction = connectors.get(connectorId).transaction;
            return transaction == null || transaction.transactionId == null
                    ? OptionalInt.empty() : OptionalInt.of(transaction.transactionId);
        });
    }

    /** Whether a transaction runs on the connector, acknowledged by the server or not. */
    public boolean hasTransaction(int connectorId) {
        return onChargePoint(() -> connectors.get(connectorId).transaction != null);
    }

    /** The connector's energy register in Wh, as of the last meter sample. */
    public long meterRegisterWh(int connectorId) {
        return onChargePoint(() -> connectors.get(connectorId).registerWh());
    }

    /** The heartbeat interval in use: from the BootNotification answer, the configuration or ChangeConfiguration. */
    public Duration heartbeatInterval() {
        return onChargePoint(link::heartbeatInterval);
    }

    public Duration meterInterval() {
        return onChargePoint(transactions::meterInterval);
    }

    /** The configuration key StopTransactionOnInvalidId: from the configuration or ChangeConfiguration. */
    public boolean stopTransactionOnInvalidId() {
        return onChargePoint(transactions::stopTransactionOnInvalidId);
    }

    public RemoteStartBehaviour remoteStartBehaviour() {
        return incomingCalls.remoteStartBehaviour();
    }

    /** The last text frame received, whatever it was. */
    public Optional<String> lastFrameReceived() {
        return frames.lastFrameReceived();
    }

    public ChargePointStats stats() {
        return counters.snapshot();
    }

    int chargingConnectors() {
        return connectors.charging();
    }

    String lastConnectError() {
        return counters.lastConnectError;
    }

    // ---------------------------------------------------------------- commands

    /** Changes how this charge point answers RemoteStartTransaction from now on. */
    public void remoteStartBehaviour(RemoteStartBehaviour behaviour) {
        incomingCalls.remoteStartBehaviour(Objects.requireNonNull(behaviour));
    }

    /** A vehicle is plugged in: the connector goes to Preparing. */
    public void plugIn(int connectorId) {
        onChargePoint(() -> connectors.plugIn(connectors.get(connectorId)));
    }

    /** The vehicle leaves: a running transaction stops with reason EVDisconnected, the connector becomes Available. */
    public void unplug(int connectorId) {
        onChargePoint(() -> transactions.unplug(connectors.get(connectorId)));
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
            Connector connector = connectors.get(connectorId);
            if (!connector.isIdle()) {
                throw new IllegalStateException("connector " + connectorId + " is " + connector.status
                        + (connector.transaction != null ? " with a transaction" : ""));
            }
            transactions.start(connector, idTag);
        });
    }

    /**
     * Stops the connector's transaction locally (reason Local).
     *
     * @return false if none was running
     */
    public boolean stopTransaction(int connectorId) {
        return onChargePoint(() -> transactions.stopAndRelease(connectors.get(connectorId), StopReason.LOCAL));
    }

    /** Faults the connector with GroundFailure. */
    public void fault(int connectorId) {
        fault(connectorId, ConnectorErrorCode.GROUND_FAILURE);
    }

    /** Faults the connector: a running transaction stops with reason Other, the status becomes Faulted. */
    public void fault(int connectorId, ConnectorErrorCode errorCode) {
        onChargePoint(() -> transactions.fault(connectors.get(connectorId), errorCode));
    }

    /** Clears a fault: the connector returns to Available (Preparing if a vehicle is plugged in). */
    public void clearFault(int connectorId) {
        onChargePoint(() -> connectors.clearFault(connectors.get(connectorId)));
    }

    /** Drops the WebSocket without a closing handshake and stays offline until {@link #reconnect()}. */
    public void disconnect() {
        onChargePoint(link::disconnect);
    }

    /** Connects again now, dropping the current connection if there is one. */
    public void reconnect() {
        onChargePoint(link::reconnect);
    }

    /**
     * Sends a text frame as is, outside the one-call-in-flight queue, for tests of the server's validation.
     *
     * @return the reply: for a CALL, the CALLRESULT or CALLERROR with its unique id; otherwise the next frame
     */
    public CompletableFuture<String> sendRaw(String frame) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        onChargePoint(() -> frames.sendRaw(frame, reply));
        return reply;
    }

    // ---------------------------------------------------------------- lifecycle, used by Simulator

    void start() {
        serial.execute(link::start);
    }

    /** Stops every running transaction; completes once their StopTransactions are queued. */
    CompletableFuture<Void> stopAllTransactions(StopReason reason) {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                transactions.stopAll(reason);
                queued.complete(null);
            });
        } catch (RuntimeException poolShutDown) {
            queued.complete(null);
        }
        return queued;
    }

    /** Nothing left to send, or no connection to send it on. */
    boolean isQuiet() {
        return !link.isConnected() || counters.queuedCalls == 0;
    }

    /** Closes the WebSocket after what is already on the wire; completes when the Close frame is sent. */
    CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                connectors.all().forEach(Connector::cancelTimers);
                link.shutDown(() -> closed.complete(null));
            });
        } catch (RuntimeException poolShutDown) {
            closed.complete(null);
        }
        return closed;
    }

    void abort() {
        link.abortFromAnyThread();
        booted.completeExceptionally(new IllegalStateException("simulator closed"));
    }

    /** What the connection reports, on the serial executor. */
    private final class LinkEvents implements ConnectionLifecycle.Events {

        @Override
        public void accepted() {
            connectors.reportAll();
            booted.complete(null);
            Connector first = connectors.all().getFirst();
            if (autoCharge && first.isIdle()) {
                transactions.start(first, config.idTag());
            }
        }

        @Override
        public void ended() {
            if (booted.isDone()) {
                booted = new CompletableFuture<>();
            }
            frames.connectionEnded();
            transactions.chargeUnanswered();
        }

        @Override
        public void frameReceived(String text) {
            frames.received(text);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Runs on the serial executor and waits, so commands see a consistent state. */
    private void onChargePoint(Runnable command) {
        onChargePoint(() -> {
            command.run();
            return null;
        });
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
