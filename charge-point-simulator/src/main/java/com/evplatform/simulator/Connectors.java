package com.evplatform.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import tools.jackson.databind.node.ObjectNode;

/**
 * A charge point's connectors and its own status (connector 0): plugging in, faults and availability, each status
 * change reported to the central system with a StatusNotification. Used only on the charge point's serial executor.
 */
final class Connectors {

    private final String chargePointId;
    private final SimulatorRuntime runtime;
    private final ConnectionLifecycle link;
    private final List<Connector> connectors;

    private ConnectorStatus chargePointStatus = ConnectorStatus.AVAILABLE;

    /** Every connector's register starts at the configured meter reading, else at a random one below 100 kWh. */
    Connectors(String chargePointId, SimulatorConfig config, SimulatorRuntime runtime, Random random,
            ConnectionLifecycle link) {
        this.chargePointId = chargePointId;
        this.runtime = runtime;
        this.link = link;
        List<Connector> list = new ArrayList<>();
        for (int n = 1; n <= config.connectorsPerCharger(); n++) {
            long initialWh = config.initialMeterWh().orElseGet(() -> random.nextLong(100_000));
            list.add(new Connector(n, initialWh));
        }
        this.connectors = List.copyOf(list);
    }

    // ---------------------------------------------------------------- finding connectors

    List<Connector> all() {
        return connectors;
    }

    /**
     * @throws IllegalArgumentException if there is no such connector
     */
    Connector get(int connectorId) {
        Connector connector = find(connectorId);
        if (connector == null) {
            throw new IllegalArgumentException(chargePointId + " has no connector " + connectorId
                    + " (connectors are 1 to " + connectors.size() + ")");
        }
        return connector;
    }

    /** The connector, or null if there is no such connector. */
    Connector find(int connectorId) {
        return connectorId >= 1 && connectorId <= connectors.size() ? connectors.get(connectorId - 1) : null;
    }

    /** The first Available connector, else the first idle one with a vehicle plugged in. */
    Connector firstIdle() {
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

    /** How many connectors are Charging; readable from any thread. */
    int charging() {
        int charging = 0;
        for (Connector connector : connectors) {
            if (connector.status == ConnectorStatus.CHARGING) {
                charging++;
            }
        }
        return charging;
    }

    /** The status of a connector, or of the charge point itself for 0. */
    ConnectorStatus status(int connectorId) {
        return connectorId == 0 ? chargePointStatus : get(connectorId).status;
    }

    // ---------------------------------------------------------------- what happens to a connector

    /** A vehicle is plugged in: the connector goes to Preparing. */
    void plugIn(Connector connector) {
        if (connector.faulted || connector.inoperative) {
            throw new IllegalStateException("connector " + connector.id + " is " + connector.status);
        }
        if (!connector.pluggedIn) {
            connector.pluggedIn = true;
            if (connector.transaction == null && connector.status == ConnectorStatus.AVAILABLE) {
                setStatus(connector, ConnectorStatus.PREPARING);
            }
        }
    }

    /** The connector is Faulted; its transaction, if any, has been stopped. */
    void fault(Connector connector, ConnectorErrorCode errorCode) {
        connector.faulted = true;
        connector.errorCode = errorCode;
        setStatus(connector, ConnectorStatus.FAULTED);
    }

    /** Clears a fault: the connector returns to Available (Preparing if a vehicle is plugged in). */
    void clearFault(Connector connector) {
        if (connector.faulted) {
            connector.faulted = false;
            connector.errorCode = ConnectorErrorCode.NO_ERROR;
            setStatus(connector, idleStatus(connector));
        }
    }

    /** After a transaction: the vehicle leaves, the connector goes Finishing then Available (or Unavailable). */
    void release(Connector connector) {
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
            connector.cancelPendingRemoteStart();
        }
        if (!connector.faulted) {
            setStatus(connector, idleStatus(connector));
        }
    }

    private static ConnectorStatus idleStatus(Connector connector) {
        if (connector.inoperative) {
            return ConnectorStatus.UNAVAILABLE;
        }
        return connector.pluggedIn ? ConnectorStatus.PREPARING : ConnectorStatus.AVAILABLE;
    }

    // ---------------------------------------------------------------- StatusNotification

    void setStatus(Connector connector, ConnectorStatus status) {
        connector.status = status;
        sendStatus(connector.id);
    }

    /** Reports the charge point's status and every connector's, as after a boot. */
    void reportAll() {
        sendStatus(0);
        connectors.forEach(connector -> sendStatus(connector.id));
    }

    /** Status of one connector (0 is the charge point), or of all when none is given. */
    void triggerStatusNotification(OptionalInt connectorId) {
        if (connectorId.isPresent()) {
            sendStatus(connectorId.getAsInt());
        } else {
            reportAll();
        }
    }

    private void sendStatus(int connectorId) {
        ConnectorStatus status;
        ConnectorErrorCode errorCode;
        if (connectorId == 0) {
            status = chargePointStatus;
            errorCode = ConnectorErrorCode.NO_ERROR;
        } else {
            Connector connector = get(connectorId);
            status = connector.status;
            errorCode = connector.faulted ? connector.errorCode : ConnectorErrorCode.NO_ERROR;
        }
        ObjectNode payload = OcppFrame.object()
                .put("connectorId", connectorId)
                .put("errorCode", errorCode.ocppName())
                .put("status", status.ocppName())
                .put("timestamp", OcppFrame.timestamp(runtime.clock.instant()));
        link.offer(OutgoingCall.of("StatusNotification", payload));
    }
}
