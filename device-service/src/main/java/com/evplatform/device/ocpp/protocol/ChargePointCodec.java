package com.evplatform.device.ocpp.protocol;

import com.evplatform.device.ocpp.protocol.messages.Authorize;
import com.evplatform.device.ocpp.protocol.messages.BootNotification;
import com.evplatform.device.ocpp.protocol.messages.ChargePointRequest;
import com.evplatform.device.ocpp.protocol.messages.ChargePointResponse;
import com.evplatform.device.ocpp.protocol.messages.DataTransfer;
import com.evplatform.device.ocpp.protocol.messages.DiagnosticsStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.FirmwareStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.Heartbeat;
import com.evplatform.device.ocpp.protocol.messages.MeterValue;
import com.evplatform.device.ocpp.protocol.messages.MeterValues;
import com.evplatform.device.ocpp.protocol.messages.StartTransaction;
import com.evplatform.device.ocpp.protocol.messages.StatusNotification;
import com.evplatform.device.ocpp.protocol.messages.StopTransaction;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed side of the CALLs a charge point sends: a payload that passed {@link OcppSchemas} becomes
 * a {@link ChargePointRequest} record ({@link #decode}), and the {@link ChargePointResponse} record a
 * handler returns becomes the CALLRESULT payload ({@link #encode}). This is the one place those
 * payloads are read from and written to JSON trees; what is on the wire is the records' JSON form
 * through {@link OcppPayloads} (absent fields left out, times in UTC to the millisecond).
 */
public final class ChargePointCodec {

    private static final Map<String, Class<? extends ChargePointRequest>> REQUESTS = requests();

    /** The actions a charge point sends as CALLs; the other OCPP 1.6 actions go the other way. */
    public static final List<String> ACTIONS = List.copyOf(REQUESTS.keySet());

    private ChargePointCodec() {
    }

    private static Map<String, Class<? extends ChargePointRequest>> requests() {
        Map<String, Class<? extends ChargePointRequest>> requests = new LinkedHashMap<>();
        requests.put("BootNotification", BootNotification.Request.class);
        requests.put("Heartbeat", Heartbeat.Request.class);
        requests.put("StatusNotification", StatusNotification.Request.class);
        requests.put("Authorize", Authorize.Request.class);
        requests.put("StartTransaction", StartTransaction.Request.class);
        requests.put("MeterValues", MeterValues.Request.class);
        requests.put("StopTransaction", StopTransaction.Request.class);
        requests.put("DataTransfer", DataTransfer.Request.class);
        requests.put("FirmwareStatusNotification", FirmwareStatusNotification.Request.class);
        requests.put("DiagnosticsStatusNotification", DiagnosticsStatusNotification.Request.class);
        return Collections.unmodifiableMap(requests);
    }

    /**
     * Decodes the payload of a charge point's CALL, which must have passed
     * {@link OcppSchemas#validateRequest} for the same action.
     *
     * @throws IllegalArgumentException for an action a charge point does not send, or a payload the
     *         record cannot hold; after validation only an integer beyond {@code int} (a connector or
     *         transaction id above 2<sup>31</sup>-1) or beyond {@code long} (a meter reading) does that
     */
    public static ChargePointRequest decode(String action, JsonNode payload) {
        Class<? extends ChargePointRequest> type = action == null ? null : REQUESTS.get(action);
        if (type == null) {
            throw new IllegalArgumentException("Not an action a charge point sends: " + action);
        }
        return OcppPayloads.read(payload, type);
    }

    /** Encodes the answer to a charge point's CALL as the payload of its CALLRESULT. */
    public static ObjectNode encode(ChargePointResponse response) {
        return OcppPayloads.write(response);
    }

    /**
     * Decodes a {@code meterValue} array on its own (as MeterValues and StopTransaction's
     * {@code transactionData} carry it); anything but an array is no meter values.
     *
     * @throws IllegalArgumentException if an element does not fit {@link MeterValue}
     */
    public static List<MeterValue> meterValues(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        return Arrays.asList(OcppPayloads.read(array, MeterValue[].class));
    }
}
