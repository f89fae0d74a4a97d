package com.evplatform.auth.account.model;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An account. Only the hash of its password is kept. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @Column(length = 36)
    private String id;
    private String username;
    private String usernameKey;
    private String passwordHash;
    private String phone;
    @Enumerated(EnumType.STRING)
    private Role role;
    private String operatorCode;
    private Instant createdAt;
    @Version
    private long version;

    protected User() {
    }

    private User(Username username, String passwordHash, String phone, Role role, String operatorCode,
            Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username.value();
        this.usernameKey = username.key();
        this.passwordHash = passwordHash;
        this.phone = phone;
        this.role = role;
        this.operatorCode = operatorCode;
        this.createdAt = createdAt;
    }

    public static User driver(Username username, String passwordHash, String phone, Instant now) {
        return new User(username, passwordHash, phone, Role.DRIVER, null, now);
    }

    public static User operator(Username username, String passwordHash, String operatorCode, Instant now) {
        return new User(username, passwordHash, null, Role.OPERATOR, operatorCode, now);
    }

    public static User admin(Username username, String passwordHash, Instant now) {
        return new User(username, passwordHash, null, Role.ADMIN, null, now);
    }

    /** A stronger hash of the same password (the encoder's default moved on). */
    public void rehashPassword(String newHash) {
        this.passwordHash = newHash;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public Optional<String> operatorCode() {
        return Optional.ofNullable(operatorCode);
    }
}
