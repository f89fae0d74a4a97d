package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 AuthorizationStatus: whether an idTag may charge. */
public enum AuthorizationStatus {
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx
}
