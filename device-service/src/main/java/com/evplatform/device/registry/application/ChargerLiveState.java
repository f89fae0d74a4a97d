package com.evplatform.device.registry.application;

import java.time.Duration;
import java.util.Optional;

/** Port: whether each charger is connected now, and each connector's last reported status. */
public interface ChargerLiveState {

    boolean online(String chargePointId);

    /** The connector's last OCPP 1.6 status (Available, Charging, Faulted, ...), if any was reported. */
    Optional<String> connectorStatus(String chargePointId, int connectorId);

    /** This connection holds the charger now; the mark lapses unless traffic renews it within {@code ttl}. */
    void markOnline(String chargePointId, String holder, Duration ttl);

    /**
     * Renews the mark while this connection is the holder, and sets it again when it lapsed (a
     * Redis restart or eviction, a connect while Redis was away); a mark of another connection (a
     * newer one elsewhere) is left alone.
     *
     * @return true when the mark had lapsed and was set again
     */
    boolean renewOnline(String chargePointId, String holder, Duration ttl);

    /** The connector's status as last reported, set only where none is known (after a lapse). */
    void restoreConnectorStatus(String chargePointId, int connectorId, String status);

    /**
     * Clears the mark if this connection still holds it: a newer connection elsewhere keeps its own.
     *
     * @return false when another connection holds the charger now (it did not go offline)
     */
    boolean markOffline(String chargePointId, String holder);

    /** Which connection holds the charger, if any is marked. */
    Optional<String> holder(String chargePointId);

    void connectorStatus(String chargePointId, int connectorId, String status);
}
