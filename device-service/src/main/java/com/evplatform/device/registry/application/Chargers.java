package com.evplatform.device.registry.application;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.KeyScheme;

/** Port: the registered chargers. */
public interface Chargers {

    boolean existsById(String chargePointId);

    <S extends Charger> S saveAndFlush(S charger);

    Optional<Charger> findById(String chargePointId);

    Page<Charger> findVisible(String stationId, String operatorCode, Pageable page);

    /** Stores the charger's key anew, unless its stored hash is no longer {@code previous}; the rows changed. */
    int storeKey(String chargePointId, String previous, KeyScheme scheme, String hash);
}
