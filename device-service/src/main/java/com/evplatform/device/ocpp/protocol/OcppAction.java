package com.evplatform.device.ocpp.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The 28 actions of OCPP 1.6 (core and the optional feature profiles), with the side that sends the
 * CALL. The constant names are the action names on the wire. The security extension of 2020
 * (SignCertificate, SecurityEventNotification, ...) is not part of this list.
 */
public enum OcppAction {
    Authorize(Initiator.CHARGE_POINT),
    BootNotification(Initiator.CHARGE_POINT),
    DataTransfer(Initiator.EITHER),
    DiagnosticsStatusNotification(Initiator.CHARGE_POINT),
    FirmwareStatusNotification(Initiator.CHARGE_POINT),
    Heartbeat(Initiator.CHARGE_POINT),
    MeterValues(Initiator.CHARGE_POINT),
    StartTransaction(Initiator.CHARGE_POINT),
    StatusNotification(Initiator.CHARGE_POINT),
    StopTransaction(Initiator.CHARGE_POINT),

    CancelReservation(Initiator.CENTRAL_SYSTEM),
    ChangeAvailability(Initiator.CENTRAL_SYSTEM),
    ChangeConfiguration(Initiator.CENTRAL_SYSTEM),
    ClearCache(Initiator.CENTRAL_SYSTEM),
    ClearChargingProfile(Initiator.CENTRAL_SYSTEM),
    GetCompositeSchedule(Initiator.CENTRAL_SYSTEM),
    GetConfiguration(Initiator.CENTRAL_SYSTEM),
    GetDiagnostics(Initiator.CENTRAL_SYSTEM),
    GetLocalListVersion(Initiator.CENTRAL_SYSTEM),
    RemoteStartTransaction(Initiator.CENTRAL_SYSTEM),
    RemoteStopTransaction(Initiator.CENTRAL_SYSTEM),
    ReserveNow(Initiator.CENTRAL_SYSTEM),
    Reset(Initiator.CENTRAL_SYSTEM),
    SendLocalList(Initiator.CENTRAL_SYSTEM),
    SetChargingProfile(Initiator.CENTRAL_SYSTEM),
    TriggerMessage(Initiator.CENTRAL_SYSTEM),
    UnlockConnector(Initiator.CENTRAL_SYSTEM),
    UpdateFirmware(Initiator.CENTRAL_SYSTEM);

    /** Which side sends the CALL of an action. */
    public enum Initiator { CHARGE_POINT, CENTRAL_SYSTEM, EITHER }

    private static final Map<String, OcppAction> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final Initiator initiator;

    OcppAction(Initiator initiator) {
        this.initiator = initiator;
    }

    public Initiator initiator() {
        return initiator;
    }

    /** Whether a charge point may send this action as a CALL to the central system. */
    public boolean sentByChargePoint() {
        return initiator != Initiator.CENTRAL_SYSTEM;
    }

    /** The action with this wire name (case-sensitive, as OCPP-J is). */
    public static Optional<OcppAction> fromName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
