package com.evplatform.device.registry.application;

import java.time.Instant;
import java.util.Optional;

import com.evplatform.device.registry.model.Tariff;

/** Port: the operators auth-service announced, and each station's tariff versions. */
public interface OperatorsAndTariffs {

    record OperatorRow(String code, String name) {
    }

    void upsertOperator(String code, String name);

    Optional<OperatorRow> operator(String code);

    void addTariff(String stationId, Tariff tariff, Instant effectiveFrom);

    /** The tariff in force at {@code at}: the latest that took effect by then. */
    Optional<Tariff> tariffAt(String stationId, Instant at);
}
