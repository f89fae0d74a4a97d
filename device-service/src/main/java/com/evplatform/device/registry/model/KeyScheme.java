package com.evplatform.device.registry.model;

/**
 * How a charger's AuthorizationKey is stored. Keys registered now are {@link #HMAC_SHA256}; a
 * charger registered before keeps its {@link #BCRYPT} hash until its next successful handshake
 * stores it again as HMAC (ADR 16).
 */
public enum KeyScheme {
    BCRYPT,
    HMAC_SHA256
}
