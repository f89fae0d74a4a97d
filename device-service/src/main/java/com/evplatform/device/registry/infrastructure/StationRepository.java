package com.evplatform.device.registry.infrastructure;

import org.springframework.data.jpa.repository.JpaRepository;

import com.evplatform.device.registry.application.Stations;
import com.evplatform.device.registry.model.Station;

public interface StationRepository extends JpaRepository<Station, String>, Stations {
}
