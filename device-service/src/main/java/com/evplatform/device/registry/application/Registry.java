package com.evplatform.device.registry.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.Connector;
import com.evplatform.device.registry.model.KeyScheme;
import com.evplatform.device.registry.model.Station;
import com.evplatform.device.registry.model.Tariff;
import com.evplatform.service.support.refusal.Refusal;

/** Operators run their stations, tariffs and chargers here; drivers look connectors up. */
@Service
public class Registry {

    public record RegisteredCharger(String chargePointId, List<Connector> connectors, String ocppUrl) {
    }

    private final Stations stations;
    private final Chargers chargers;
    private final Connectors connectors;
    private final OperatorsAndTariffs tables;
    private final ChargerKeys keys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String ocppBaseUrl;

    Registry(Stations stations, Chargers chargers, Connectors connectors, OperatorsAndTariffs tables,
            ChargerKeys keys, TransactionTemplate transactions, Clock clock,
            @Value("${platform.device.ocpp-base-url}") String ocppBaseUrl) {
        this.stations = stations;
        this.chargers = chargers;
        this.connectors = connectors;
        this.tables = tables;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
        this.ocppBaseUrl = ocppBaseUrl;
    }

    public Station createStation(Caller caller, String operatorCode, String name, String address, BigDecimal latitude,
            BigDecimal longitude) {
        if (!caller.mayManage(operatorCode)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "FORBIDDEN",
                    "You may only add stations of your own operator");
        }
        if (tables.operator(operatorCode).isEmpty()) {
            throw Refusal.notFound("OPERATOR_NOT_FOUND", "No operator " + operatorCode);
        }
        return stations.save(new Station(operatorCode, name, address, latitude, longitude, clock.instant()));
    }

    /** Replaces the station's tariff from now on; sessions already started keep their snapshot. */
    public void setTariff(Caller caller, String stationId, Tariff tariff) {
        Station station = managedStation(caller, stationId);
        tables.addTariff(station.id(), tariff, clock.instant());
    }

    public RegisteredCharger registerCharger(Caller caller, String chargePointId, String stationId, int connectorCount,
            String password, String vendor, String model) {
        managedStation(caller, stationId);
        try {
            return transactions.execute(status -> {
                if (chargers.existsById(chargePointId)) {
                    throw Refusal.conflict("CHARGER_EXISTS", "Charger " + chargePointId + " is registered");
                }
                chargers.saveAndFlush(new Charger(chargePointId, stationId, KeyScheme.HMAC_SHA256,
                        keys.hash(chargePointId, password), vendor, model, clock.instant()));
                List<Connector> created = IntStream.rangeClosed(1, connectorCount)
                        .mapToObj(id -> connectors.save(new Connector(chargePointId, id)))
                        .toList();
                return new RegisteredCharger(chargePointId, created, ocppBaseUrl + "/" + chargePointId);
            });
        } catch (DataIntegrityViolationException e) {
            throw Refusal.conflict("CHARGER_EXISTS", "Charger " + chargePointId + " is registered");
        }
    }

    public Page<Charger> chargers(Caller caller, String stationId, int page, int size) {
        if (stationId != null) {
            managedStation(caller, stationId);
        }
        return chargers.findVisible(stationId, caller.scope(), PageRequest.of(page, size));
    }

    public List<Connector> connectorsOf(String chargePointId) {
        return connectors.findByChargePointIdOrderByConnectorId(chargePointId);
    }

    public Connector connector(String connectorCode) {
        return connectors.findById(connectorCode)
                .orElseThrow(() -> Refusal.notFound("CONNECTOR_NOT_FOUND", "No connector " + connectorCode));
    }

    /** The connector's connector, scoped for an operator (another operator's sticker is not found). */
    public Connector managedConnector(Caller caller, String connectorCode) {
        Connector connector = connector(connectorCode);
        Charger charger = chargers.findById(connector.chargePointId()).orElseThrow();
        Station station = stations.findById(charger.stationId()).orElseThrow();
        if (!caller.mayManage(station.operatorCode())) {
            throw Refusal.notFound("CONNECTOR_NOT_FOUND", "No connector " + connectorCode);
        }
        return connector;
    }

    public Charger charger(String chargePointId) {
        return chargers.findById(chargePointId)
                .orElseThrow(() -> Refusal.notFound("CHARGER_NOT_FOUND", "No charger " + chargePointId));
    }

    /** A charger of the caller's operator (any for an admin); another operator's is "not found". */
    public Charger managedCharger(Caller caller, String chargePointId) {
        Charger charger = charger(chargePointId);
        if (!caller.mayManage(station(charger.stationId()).operatorCode())) {
            throw Refusal.notFound("CHARGER_NOT_FOUND", "No charger " + chargePointId);
        }
        return charger;
    }

    public Station station(String stationId) {
        return stations.findById(stationId)
                .orElseThrow(() -> Refusal.notFound("STATION_NOT_FOUND", "No station " + stationId));
    }

    public Tariff tariffOf(String stationId) {
        return tables.tariffAt(stationId, clock.instant())
                .orElseThrow(() -> Refusal.conflict("TARIFF_NOT_SET", "The station has no tariff yet"));
    }

    public Optional<Tariff> currentTariff(String stationId) {
        return tables.tariffAt(stationId, clock.instant());
    }

    public Optional<OperatorsAndTariffs.OperatorRow> operator(String code) {
        return tables.operator(code);
    }

    /** A station of the caller's operator (any for an admin); another operator's is "not found". */
    private Station managedStation(Caller caller, String stationId) {
        Station station = station(stationId);
        if (!caller.mayManage(station.operatorCode())) {
            throw Refusal.notFound("STATION_NOT_FOUND", "No station " + stationId);
        }
        return station;
    }
}
