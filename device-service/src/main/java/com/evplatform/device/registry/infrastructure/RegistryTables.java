package com.evplatform.device.registry.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.evplatform.device.registry.application.OperatorsAndTariffs;
import com.evplatform.device.registry.model.Tariff;

import tools.jackson.databind.json.JsonMapper;

/** Operators (as auth-service announced them) and tariff versions, in plain SQL. */
@Repository
public class RegistryTables implements OperatorsAndTariffs {

    private record StoredSegment(String start, String electricityFee, String serviceFee) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    RegistryTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void upsertOperator(String code, String name) {
        jdbc.update("INSERT INTO operators (code, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = ?", code, name,
                name);
    }

    @Override
    public Optional<OperatorRow> operator(String code) {
        return jdbc.query("SELECT code, name FROM operators WHERE code = ?",
                (rs, i) -> new OperatorRow(rs.getString(1), rs.getString(2)), code).stream().findFirst();
    }

    @Override
    public void addTariff(String stationId, Tariff tariff, Instant effectiveFrom) {
        List<StoredSegment> segments = tariff.segments().stream()
                .map(s -> new StoredSegment(s.start().toString(), s.electricityFee().toPlainString(),
                        s.serviceFee().toPlainString()))
                .toList();
        jdbc.update("INSERT INTO tariffs (station_id, effective_from, currency, segments) VALUES (?, ?, ?, ?)",
                stationId, Timestamp.from(effectiveFrom), tariff.currency(), JSON.writeValueAsString(segments));
    }

    @Override
    public Optional<Tariff> tariffAt(String stationId, Instant at) {
        return jdbc.query("SELECT currency, segments FROM tariffs WHERE station_id = ? AND effective_from <= ? "
                + "ORDER BY effective_from DESC, id DESC LIMIT 1", (rs, i) -> {
                    StoredSegment[] stored = JSON.readValue(rs.getString(2), StoredSegment[].class);
                    return new Tariff(rs.getString(1), java.util.Arrays.stream(stored)
                            .map(s -> new Tariff.Segment(LocalTime.parse(s.start()),
                                    new java.math.BigDecimal(s.electricityFee()), new java.math.BigDecimal(s.serviceFee())))
                            .toList());
                }, stationId, Timestamp.from(at)).stream().findFirst();
    }
}
