package com.evplatform.auth.account.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A charging operator: the company that runs stations, known by its 9-character code. */
@Entity
@Table(name = "operators")
public class Operator {

    @Id
    @Column(length = 9)
    private String code;
    private String name;
    private Instant createdAt;

    protected Operator() {
    }

    public Operator(String code, String name, Instant createdAt) {
        this.code = code;
        this.name = name;
        this.createdAt = createdAt;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }
}
