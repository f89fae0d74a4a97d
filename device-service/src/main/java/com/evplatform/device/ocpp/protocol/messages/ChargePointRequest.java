package com.evplatform.device.ocpp.protocol.messages;

/**
 * A CALL a charge point sends to the central system, decoded: one {@code Request} record per action
 * of OCPP 1.6 that a charge point initiates. Produced by
 * {@link com.evplatform.device.ocpp.protocol.ChargePointCodec#decode} from a schema-valid payload;
 * a handler matches over the family, and the compiler tells it when an action is missing.
 */
public sealed interface ChargePointRequest permits Authorize.Request, BootNotification.Request,
        DataTransfer.Request, DiagnosticsStatusNotification.Request, FirmwareStatusNotification.Request,
        Heartbeat.Request, MeterValues.Request, StartTransaction.Request, StatusNotification.Request,
        StopTransaction.Request {
}
