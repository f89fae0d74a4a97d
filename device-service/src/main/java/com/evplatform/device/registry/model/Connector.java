package com.evplatform.device.registry.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One plug of a charger, known to drivers by its connector code (printed on the QR sticker):
 * the charge point id and the OCPP connector number, e.g. {@code CP-0001-2}.
 */
@Entity
@Table(name = "connectors")
public class Connector {

    /** What the platform's QR stickers encode before the connector code. */
    public static final String QR_PREFIX = "https://evplatform.example/c/";

    @Id
    @Column(length = 40)
    private String connectorCode;
    private String chargePointId;
    private int connectorId;

    protected Connector() {
    }

    public Connector(String chargePointId, int connectorId) {
        this.chargePointId = chargePointId;
        this.connectorId = connectorId;
        this.connectorCode = chargePointId + "-" + connectorId;
    }

    public String connectorCode() {
        return connectorCode;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public int connectorId() {
        return connectorId;
    }

    public String qrPayload() {
        return QR_PREFIX + connectorCode;
    }

    /** The connector code in what a driver scanned: the platform's QR payload or the bare code. */
    public static String codeFromScan(String scanned) {
        String trimmed = scanned.strip();
        return trimmed.startsWith(QR_PREFIX) ? trimmed.substring(QR_PREFIX.length()) : trimmed;
    }
}
