package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 DiagnosticsStatus, reported with a DiagnosticsStatusNotification. */
public enum DiagnosticsStatus {
    Idle,
    Uploaded,
    UploadFailed,
    Uploading
}
