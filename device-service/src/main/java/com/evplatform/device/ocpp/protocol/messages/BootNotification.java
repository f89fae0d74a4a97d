package com.evplatform.device.ocpp.protocol.messages;

import java.time.Instant;

/** BootNotification (charge point &rarr; central system), OCPP 1.6 sections 6.3 and 6.4. */
public final class BootNotification {

    private BootNotification() {
    }

    /** Vendor and model are required; the rest is optional. */
    public record Request(String chargePointVendor, String chargePointModel, String chargePointSerialNumber,
                          String chargeBoxSerialNumber, String firmwareVersion, String iccid, String imsi,
                          String meterType, String meterSerialNumber) implements ChargePointRequest {
    }

    /**
     * @param interval the heartbeat interval in seconds when accepted, else the minimum wait before the
     *                 next BootNotification
     */
    public record Response(RegistrationStatus status, Instant currentTime, int interval)
            implements ChargePointResponse {
    }
}
