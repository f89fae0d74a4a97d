package com.evplatform.charging.session.application;

import java.util.List;

import com.evplatform.service.support.refusal.Refusal;

/**
 * Port: what a start asks device-service synchronously. Failures are {@link Refusal}:
 * CONNECTOR_NOT_FOUND, DEVICE_SERVICE_REFUSED or DEVICE_SERVICE_UNAVAILABLE.
 */
public interface Devices {

    record Station(String id, String name, String address) {
    }

    record Operator(String code, String name) {
    }

    record Segment(String start, String electricityFee, String serviceFee) {
    }

    record Tariff(String currency, List<Segment> segments) {
    }

    record Connector(String connectorCode, String chargePointId, int connectorId, String status, boolean online,
            Station station, Operator operator, Tariff tariff) {
    }

    record Availability(boolean available, String reason, String status) {
    }

    /** The connector a QR code names. */
    Connector resolve(String connectorCode);

    /** Whether the connector can start now, asked with the driver's own token. */
    Availability availability(String connectorCode, String bearerToken);
}
