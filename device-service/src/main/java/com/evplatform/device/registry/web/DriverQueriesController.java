package com.evplatform.device.registry.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.device.registry.application.DeviceAuthentication;
import com.evplatform.device.registry.application.Registry;
import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.Connector;
import com.evplatform.device.registry.model.Station;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the app asks before a session: which connector was scanned, can it start, at what price. */
@RestController
class DriverQueriesController {

    record StationView(String id, String name, String address) {
    }

    record OperatorView(String code, String name) {
    }

    record Resolved(String connectorCode, String chargePointId, int connectorId, String status, boolean online,
            StationView station, OperatorView operator, TariffBody tariff) {
    }

    record AuthAnswer(boolean available, String reason, String status) {
    }

    private final Registry registry;
    private final DeviceAuthentication authentication;
    private final ChargerLiveState live;

    DriverQueriesController(Registry registry, DeviceAuthentication authentication, ChargerLiveState live) {
        this.registry = registry;
        this.authentication = authentication;
        this.live = live;
    }

    /** Public: the scanned text is the platform's QR payload or the bare connector code. */
    @GetMapping("/api/chargers/resolve")
    Resolved resolve(@RequestParam @NotBlank @Size(max = 200) String qr) {
        Connector connector = registry.connector(Connector.codeFromScan(qr));
        Charger charger = registry.charger(connector.chargePointId());
        Station station = registry.station(charger.stationId());
        OperatorView operator = registry.operator(station.operatorCode())
                .map(row -> new OperatorView(row.code(), row.name()))
                .orElse(new OperatorView(station.operatorCode(), null));
        TariffBody tariff = registry.currentTariff(station.id()).map(TariffBody::of).orElse(null);
        return new Resolved(connector.connectorCode(), connector.chargePointId(), connector.connectorId(),
                live.connectorStatus(connector.chargePointId(), connector.connectorId()).orElse("Unknown"),
                live.online(connector.chargePointId()), new StationView(station.id(), station.name(), station.address()),
                operator, tariff);
    }

    @GetMapping("/api/chargers/{connectorCode}/auth")
    AuthAnswer authenticate(@PathVariable String connectorCode) {
        DeviceAuthentication.Answer answer = authentication.check(connectorCode);
        return new AuthAnswer(answer.available(), answer.reason(), answer.status());
    }

    @GetMapping("/api/tariffs/{connectorCode}")
    TariffBody tariff(@PathVariable String connectorCode) {
        Connector connector = registry.connector(connectorCode);
        return TariffBody.of(registry.tariffOf(registry.charger(connector.chargePointId()).stationId()));
    }
}
