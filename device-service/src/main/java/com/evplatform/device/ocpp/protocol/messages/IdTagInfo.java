package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;

/**
 * OCPP 1.6 IdTagInfo: the central system's verdict on an idTag.
 *
 * @param status      required
 * @param expiryDate  optional: until when the charge point may cache the verdict
 * @param parentIdTag optional: the group the idTag belongs to (at most 20 characters)
 */
public record IdTagInfo(AuthorizationStatus status, Instant expiryDate, String parentIdTag) {

    public static IdTagInfo of(AuthorizationStatus status) {
        return new IdTagInfo(status, null, null);
    }
}
