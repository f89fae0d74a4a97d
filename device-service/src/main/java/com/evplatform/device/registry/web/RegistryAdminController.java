package com.evplatform.device.registry.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.evplatform.device.registry.application.Caller;
import com.evplatform.device.registry.application.ChargerLiveState;
import com.evplatform.device.registry.application.Registry;
import com.evplatform.device.registry.model.Charger;
import com.evplatform.device.registry.model.Connector;
import com.evplatform.device.registry.model.Station;
import com.evplatform.service.support.web.PageResponse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Operators' stations, tariffs, chargers and QR stickers (API.md "Chargers and tariffs", admin rows). */
@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
@Validated
class RegistryAdminController {

    record CreateStation(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 300) String address,
            @NotNull @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
            @NotNull @Pattern(regexp = "[A-Z0-9]{9}", message = "9 upper-case letters or digits") String operatorCode) {
    }

    record StationCreated(String stationId) {
    }

    record RegisterCharger(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,36}", message = "1 to 36 of letters, digits, _ . -")
            String chargePointId,
            @NotBlank @Size(max = 36) String stationId,
            @Min(1) @Max(8) int connectors,
            @NotNull @Size(min = 16, max = 40, message = "16 to 40 characters (OCPP AuthorizationKey)")
            @Pattern(regexp = "\\p{Graph}+", message = "printable characters without spaces") String password,
            @Size(max = 20) String vendor,
            @Size(max = 20) String model) {
    }

    record ConnectorView(int connectorId, String connectorCode, String status) {
    }

    record ChargerRegistered(String chargePointId, List<ConnectorView> connectors, String ocppUrl) {
    }

    record ChargerView(String chargePointId, String stationId, boolean online, Instant lastSeen, String vendor,
            String model, String firmware, List<ConnectorView> connectors) {
    }

    private final Registry registry;
    private final ChargerLiveState live;

    RegistryAdminController(Registry registry, ChargerLiveState live) {
        this.registry = registry;
        this.live = live;
    }

    @PostMapping("/stations")
    @ResponseStatus(HttpStatus.CREATED)
    StationCreated createStation(@AuthenticationPrincipal Jwt token, @Valid @RequestBody CreateStation request) {
        Station station = registry.createStation(Caller.of(token), request.operatorCode(), request.name(),
                request.address(), request.latitude(), request.longitude());
        return new StationCreated(station.id());
    }

    @PutMapping("/stations/{stationId}/tariff")
    TariffBody setTariff(@AuthenticationPrincipal Jwt token, @PathVariable String stationId,
            @RequestBody TariffBody body) {
        registry.setTariff(Caller.of(token), stationId, body.toTariff());
        return TariffBody.of(registry.tariffOf(stationId));
    }

    @PostMapping("/chargers")
    @ResponseStatus(HttpStatus.CREATED)
    ChargerRegistered registerCharger(@AuthenticationPrincipal Jwt token,
            @Valid @RequestBody RegisterCharger request) {
        Registry.RegisteredCharger registered = registry.registerCharger(Caller.of(token), request.chargePointId(),
                request.stationId(), request.connectors(), request.password(), request.vendor(), request.model());
        return new ChargerRegistered(registered.chargePointId(), registered.connectors().stream()
                .map(c -> new ConnectorView(c.connectorId(), c.connectorCode(), null)).toList(),
                registered.ocppUrl());
    }

    @GetMapping("/chargers")
    PageResponse<ChargerView> chargers(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String stationId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Page<Charger> found = registry.chargers(Caller.of(token), stationId, page, size);
        return new PageResponse<>(found.getContent().stream().map(this::view).toList(), page, size,
                found.getTotalElements());
    }

    @GetMapping(value = "/connectors/{connectorCode}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    byte[] qr(@AuthenticationPrincipal Jwt token, @PathVariable String connectorCode,
            @RequestParam(defaultValue = "512") @Min(128) @Max(2048) int size) {
        Connector connector = registry.managedConnector(Caller.of(token), connectorCode);
        return QrCodes.png(connector.qrPayload(), size);
    }

    private ChargerView view(Charger charger) {
        List<ConnectorView> connectors = registry.connectorsOf(charger.chargePointId()).stream()
                .map(c -> new ConnectorView(c.connectorId(), c.connectorCode(),
                        live.connectorStatus(c.chargePointId(), c.connectorId()).orElse("Unknown")))
                .toList();
        return new ChargerView(charger.chargePointId(), charger.stationId(), live.online(charger.chargePointId()),
                charger.lastSeen(), charger.vendor(), charger.model(), charger.firmware(), connectors);
    }
}
