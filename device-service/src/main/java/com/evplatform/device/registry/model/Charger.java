package com.evplatform.device.registry.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A charge point registered by its operator; it connects over OCPP with its id and password. */
@Entity
@Table(name = "chargers")
public class Charger {

    @Id
    @Column(length = 36)
    private String chargePointId;
    private String stationId;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private KeyScheme keyScheme;
    private String vendor;
    private String model;
    private String firmware;
    private Instant registeredAt;
    private Instant lastSeen;
    @Version
    private long version;

    protected Charger() {
    }

    public Charger(String chargePointId, String stationId, KeyScheme keyScheme, String passwordHash, String vendor,
            String model, Instant now) {
        this.chargePointId = chargePointId;
        this.stationId = stationId;
        this.keyScheme = keyScheme;
        this.passwordHash = passwordHash;
        this.vendor = vendor;
        this.model = model;
        this.registeredAt = now;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public String stationId() {
        return stationId;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public KeyScheme keyScheme() {
        return keyScheme;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public String vendor() {
        return vendor;
    }

    public String model() {
        return model;
    }

    public String firmware() {
        return firmware;
    }

    /** What the charger said of itself in its last BootNotification. */
    public void booted(String vendor, String model, String firmware, Instant at) {
        this.vendor = vendor;
        this.model = model;
        this.firmware = firmware;
        this.lastSeen = at;
    }

    public void seen(Instant at) {
        this.lastSeen = at;
    }
}
