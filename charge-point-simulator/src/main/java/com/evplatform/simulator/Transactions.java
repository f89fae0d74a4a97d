package com.evplatform.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs transactions on a charge point's connectors: starts and stops them, charges the plugged-in vehicle and
 * samples the meter. StartTransaction, MeterValues and StopTransaction are transaction messages: they wait in
 * the queue while offline, and charging goes on meanwhile. Used only on the charge point's serial executor.
 */
final class Transactions {

    private final SimulatorConfig config;
    private final SimulatorRuntime runtime;
    private final SerialExecutor serial;
    private final Random random;
    private final ConnectionLifecycle link;
    private final Connectors connectors;

    private Duration meterInterval;
    private boolean stopTransactionOnInvalidId;

    Transactions(SimulatorConfig config, SimulatorRuntime runtime, SerialExecutor serial, Random random,
            ConnectionLifecycle link, Connectors connectors) {
        this.config = config;
        this.runtime = runtime;
        this.serial = serial;
        this.random = random;
        this.link = link;
        this.connectors = connectors;
        this.meterInterval = config.meterInterval();
        this.stopTransactionOnInvalidId = config.stopTransactionOnInvalidId();
    }

    // ---------------------------------------------------------------- configuration

    Duration meterInterval() {
        return meterInterval;
    }

    void changeMeterInterval(Duration interval) {
        meterInterval = interval;
        connectors.all().stream().filter(Connector::isCharging).forEach(this::scheduleSampling);
    }

    /** The configuration key StopTransactionOnInvalidId. */
    boolean stopTransactionOnInvalidId() {
        return stopTransactionOnInvalidId;
    }

    void changeStopTransactionOnInvalidId(boolean stop) {
        stopTransactionOnInvalidId = stop;
    }

    // ---------------------------------------------------------------- starting

    /** Starts a transaction on an idle connector; charging begins once it is accepted, or at once when offline. */
    void start(Connector connector, String idTag) {
        if (!connector.pluggedIn) {
            connector.pluggedIn = true;
            connectors.setStatus(connector, ConnectorStatus.PREPARING);
        }
        double stateOfCharge = 10.0 + random.nextDouble() * 50.0;
        connector.vehicle = new SimulatedVehicle(config.batteryCapacityKwh() * 1000.0, config.maxPowerKw() * 1000.0,
                stateOfCharge);
        Transaction transaction = new Transaction(connector.id, idTag, connector.registerWh(), runtime.clock.instant());
        connector.transaction = transaction;
        ObjectNode payload = OcppFrame.object()
                .put("connectorId", connector.id)
                .put("idTag", idTag)
                .put("meterStart", transaction.meterStartWh)
                .put("timestamp", OcppFrame.timestamp(transaction.startedAt));
        link.offer(new OutgoingCall("StartTransaction", () -> payload, true,
                answer -> startAnswered(connector, transaction, answer),
                failure -> startFailed(connector, transaction, failure)));
        if (!link.isConnected() || !link.isBooted()) {
            beginCharging(connector, transaction);
        }
    }

    /** The vehicle is plugged in now; the transaction starts after {@link SimulatorConfig#remoteStartDelay()}. */
    void startLater(Connector connector, String idTag) {
        if (!connector.pluggedIn) {
            connector.pluggedIn = true;
            connectors.setStatus(connector, ConnectorStatus.PREPARING);
        }
        connector.lateStart = runtime.schedule(serial, () -> {
            connector.lateStart = null;
            connector.remoteStartPending = false;
            if (connector.isIdle()) {
                start(connector, idTag);
            }
        }, config.remoteStartDelay());
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
            stop(connector, StopReason.DE_AUTHORIZED);
            connectors.release(connector);
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
        connectors.release(connector);
    }

    /** After a lost connection: transactions whose StartTransaction got no answer charge meanwhile. */
    void chargeUnanswered() {
        for (Connector connector : connectors.all()) {
            Transaction transaction = connector.transaction;
            if (transaction != null && !transaction.charging) {
                beginCharging(connector, transaction);
            }
        }
    }

    private void beginCharging(Connector connector, Transaction transaction) {
        if (transaction.charging || transaction.stopped) {
            return;
        }
        transaction.charging = true;
        connector.startSampling(System.nanoTime());
        connectors.setStatus(connector, ConnectorStatus.CHARGING);
        scheduleSampling(connector);
    }

    // ---------------------------------------------------------------- metering

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
        link.offer(meterValues(connector, transaction, "Sample.Periodic", true));
    }

    void triggerMeterValues(List<Connector> targets) {
        for (Connector connector : targets) {
            connector.advanceMeter(System.nanoTime(), config.speedup());
            link.offer(meterValues(connector, connector.transaction, "Trigger", false));
        }
    }

    private OutgoingCall meterValues(Connector connector, Transaction transaction, String context,
            boolean transactional) {
        String timestamp = OcppFrame.timestamp(runtime.clock.instant());
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

    // ---------------------------------------------------------------- stopping

    /**
     * Ends the connector's transaction and queues its StopTransaction.
     *
     * @return false if none was running
     */
    private boolean stop(Connector connector, StopReason reason) {
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
        String timestamp = OcppFrame.timestamp(runtime.clock.instant());
        Supplier<JsonNode> payload = () -> transaction.transactionId == null ? null : OcppFrame.object()
                .put("transactionId", transaction.transactionId)
                .put("idTag", transaction.idTag)
                .put("meterStop", meterStop)
                .put("timestamp", timestamp)
                .put("reason", reason.ocppName());
        link.offer(new OutgoingCall("StopTransaction", payload, true, answer -> { }, failure -> { }));
        return true;
    }

    /**
     * Stops the connector's transaction and releases the connector.
     *
     * @return false if none was running
     */
    boolean stopAndRelease(Connector connector, StopReason reason) {
        boolean stopped = stop(connector, reason);
        if (stopped) {
            connectors.release(connector);
        }
        return stopped;
    }

    void stopAll(StopReason reason) {
        connectors.all().forEach(connector -> stopAndRelease(connector, reason));
    }

    /** The vehicle leaves: a running transaction stops with reason EVDisconnected, the connector becomes Available. */
    void unplug(Connector connector) {
        connector.cancelPendingRemoteStart();
        if (!stopAndRelease(connector, StopReason.EV_DISCONNECTED) && connector.pluggedIn) {
            connector.pluggedIn = false;
            if (connector.status == ConnectorStatus.PREPARING) {
                connectors.setStatus(connector, ConnectorStatus.AVAILABLE);
            }
        }
    }

    /** UnlockConnector: a running transaction stops with reason UnlockCommand; a waiting vehicle is let go. */
    void unlock(Connector connector) {
        connector.cancelPendingRemoteStart();
        if (!stopAndRelease(connector, StopReason.UNLOCK_COMMAND)
                && connector.pluggedIn && connector.status == ConnectorStatus.PREPARING) {
            connector.pluggedIn = false;
            connectors.setStatus(connector, ConnectorStatus.AVAILABLE);
        }
    }

    /** Faults the connector: a running transaction stops with reason Other, the status becomes Faulted. */
    void fault(Connector connector, ConnectorErrorCode errorCode) {
        connector.cancelPendingRemoteStart();
        stop(connector, StopReason.OTHER);
        connectors.fault(connector, errorCode);
    }

    /** Stops all transactions, then reboots once their StopTransactions are answered (or the call timeout passes). */
    void reset(StopReason reason) {
        for (Connector connector : connectors.all()) {
            connector.cancelPendingRemoteStart();
            stop(connector, reason);
            connector.pluggedIn = false;
            if (!connector.faulted && !connector.inoperative) {
                connector.status = ConnectorStatus.AVAILABLE;
            }
        }
        link.rebootWhenIdle();
    }
}
