package com.evplatform.device.ocpp.protocol.messages;

/**
 * The central system's answer to a {@link ChargePointRequest}: the {@code Response} record of the
 * same action, written as the CALLRESULT payload by
 * {@link com.evplatform.device.ocpp.protocol.ChargePointCodec#encode}.
 */
public sealed interface ChargePointResponse permits Authorize.Response, BootNotification.Response,
        DataTransfer.Response, DiagnosticsStatusNotification.Response, FirmwareStatusNotification.Response,
        Heartbeat.Response, MeterValues.Response, StartTransaction.Response, StatusNotification.Response,
        StopTransaction.Response {
}
