package com.evplatform.device.ocpp.protocol.messages;

/** OCPP 1.6 FirmwareStatus, reported with a FirmwareStatusNotification. */
public enum FirmwareStatus {
    Downloaded,
    DownloadFailed,
    Downloading,
    Idle,
    InstallationFailed,
    Installing,
    Installed
}
