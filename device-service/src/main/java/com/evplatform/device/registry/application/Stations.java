package com.evplatform.device.registry.application;

import java.util.Optional;

import com.evplatform.device.registry.model.Station;

/** Port: the stored stations. */
public interface Stations {

    <S extends Station> S save(S station);

    Optional<Station> findById(String id);
}
