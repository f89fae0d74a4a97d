package com.evplatform.device.registry.application;

import java.util.List;
import java.util.Optional;

import com.evplatform.device.registry.model.Connector;

/** Port: the chargers' connectors, by connector code. */
public interface Connectors {

    <S extends Connector> S save(S connector);

    Optional<Connector> findById(String connectorCode);

    List<Connector> findByChargePointIdOrderByConnectorId(String chargePointId);
}
