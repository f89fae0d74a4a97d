package com.evplatform.simulator;

import java.util.concurrent.ScheduledFuture;

/**
 * One connector of a simulated charge point: status, plugged-in vehicle, energy register and running
 * transaction. Mutated only on its charge point's serial executor; the volatile fields are read by queries.
 */
final class Connector {

    final int id;
    volatile ConnectorStatus status = ConnectorStatus.AVAILABLE;
    ConnectorErrorCode errorCode = ConnectorErrorCode.NO_ERROR;
    boolean pluggedIn;
    boolean faulted;
    boolean inoperative;
    /** A ChangeAvailability answered Scheduled: applied when the running transaction ends. */
    Boolean scheduledInoperative;
    /** A remote start accepted but not yet turned into a transaction (late or never start). */
    boolean remoteStartPending;
    ScheduledFuture<?> lateStart;

    private double energyWh;
    private volatile long registerWh;
    private long lastSampleNanos;

    volatile Transaction transaction;
    SimulatedVehicle vehicle;
    ScheduledFuture<?> meterSampling;

    Connector(int id, long initialRegisterWh) {
        this.id = id;
        this.energyWh = initialRegisterWh;
        this.registerWh = initialRegisterWh;
    }

    /** The energy register in whole Wh; never decreases. */
    long registerWh() {
        return registerWh;
    }

    boolean isIdle() {
        return transaction == null && !remoteStartPending && !faulted && !inoperative
                && (status == ConnectorStatus.AVAILABLE || status == ConnectorStatus.PREPARING);
    }

    boolean isCharging() {
        Transaction current = transaction;
        return current != null && current.charging;
    }

    void startSampling(long nowNanos) {
        lastSampleNanos = nowNanos;
    }

    /** Moves the register on by what the vehicle drew since the last sample, in simulated time. */
    void advanceMeter(long nowNanos, double speedup) {
        if (vehicle == null || !isCharging()) {
            return;
        }
        double simulatedSeconds = (nowNanos - lastSampleNanos) / 1e9 * speedup;
        lastSampleNanos = nowNanos;
        energyWh += vehicle.charge(simulatedSeconds);
        registerWh = (long) Math.floor(energyWh);
    }

    double powerW() {
        return vehicle != null && isCharging() ? vehicle.powerW() : 0.0;
    }

    /** Forgets a remote start accepted but not yet turned into a transaction. */
    void cancelPendingRemoteStart() {
        remoteStartPending = false;
        if (lateStart != null) {
            lateStart.cancel(false);
            lateStart = null;
        }
    }

    void cancelTimers() {
        if (meterSampling != null) {
            meterSampling.cancel(false);
            meterSampling = null;
        }
        if (lateStart != null) {
            lateStart.cancel(false);
            lateStart = null;
        }
    }
}
