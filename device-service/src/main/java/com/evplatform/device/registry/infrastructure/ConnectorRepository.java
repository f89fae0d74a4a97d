package com.evplatform.device.registry.infrastructure;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.device.registry.application.Connectors;
import com.evplatform.device.registry.model.Connector;

public interface ConnectorRepository extends JpaRepository<Connector, String>, Connectors {

    List<Connector> findByChargePointIdOrderByConnectorId(String chargePointId);
}
