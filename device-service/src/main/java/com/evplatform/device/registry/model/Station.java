package com.evplatform.device.registry.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A charging site of one operator. */
@Entity
@Table(name = "stations")
public class Station {

    @Id
    @Column(length = 36)
    private String id;
    private String operatorCode;
    private String name;
    private String address;
    private BigDecimal latitude;
    private BigDecimal longitude;
    private Instant createdAt;

    protected Station() {
    }

    public Station(String operatorCode, String name, String address, BigDecimal latitude, BigDecimal longitude,
            Instant now) {
        this.id = UUID.randomUUID().toString();
        this.operatorCode = operatorCode;
        this.name = name;
        this.address = address;
        this.latitude = latitude;
        this.longitude = longitude;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String operatorCode() {
        return operatorCode;
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }
}
