package com.evplatform.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The rules of the official OCPP 1.6 JSON schemas for the CALLs a charge point sends (required fields, types,
 * string lengths, enumerations, no additional properties), as a strict central system applies them.
 */
final class OcppSchemaCheck {

    static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    static final Set<String> ERROR_CODES = Set.of("ConnectorLockFailure", "EVCommunicationError", "GroundFailure",
            "HighTemperature", "InternalError", "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure",
            "PowerMeterFailure", "PowerSwitchFailure", "ReaderFailure", "ResetFailure", "UnderVoltage", "OverVoltage",
            "WeakSignal");
    static final Set<String> STATUSES = Set.of("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV",
            "Finishing", "Reserved", "Unavailable", "Faulted");
    static final Set<String> REASONS = Set.of("EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other",
            "PowerLoss", "Reboot", "Remote", "SoftReset", "UnlockCommand", "DeAuthorized");
    static final Set<String> CONTEXTS = Set.of("Interruption.Begin", "Interruption.End", "Sample.Clock",
            "Sample.Periodic", "Transaction.Begin", "Transaction.End", "Trigger", "Other");
    static final Set<String> MEASURANDS = Set.of("Energy.Active.Export.Register", "Energy.Active.Import.Register",
            "Energy.Reactive.Export.Register", "Energy.Reactive.Import.Register", "Energy.Active.Export.Interval",
            "Energy.Active.Import.Interval", "Energy.Reactive.Export.Interval", "Energy.Reactive.Import.Interval",
            "Power.Active.Export", "Power.Active.Import", "Power.Offered", "Power.Reactive.Export",
            "Power.Reactive.Import", "Power.Factor", "Current.Import", "Current.Export", "Current.Offered", "Voltage",
            "Frequency", "Temperature", "SoC", "RPM");
    static final Set<String> UNITS = Set.of("Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A",
            "V", "K", "Celcius", "Celsius", "Fahrenheit", "Percent");
    static final Set<String> LOCATIONS = Set.of("Cable", "EV", "Inlet", "Outlet", "Body");
    static final Set<String> FORMATS = Set.of("Raw", "SignedData");
    static final Set<String> PHASES = Set.of("L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1");

    private OcppSchemaCheck() {
    }

    static List<String> check(String action, JsonNode payload) {
        List<String> problems = new ArrayList<>();
        if (payload == null || !payload.isObject()) {
            problems.add("payload must be an object");
            return problems;
        }
        Rules rules = new Rules(payload, problems);
        switch (action) {
            case "BootNotification" -> rules
                    .allowed("chargePointVendor", "chargePointModel", "chargePointSerialNumber", "chargeBoxSerialNumber",
                            "firmwareVersion", "iccid", "imsi", "meterType", "meterSerialNumber")
                    .string("chargePointVendor", 20, true).string("chargePointModel", 20, true)
                    .string("chargePointSerialNumber", 25, false).string("chargeBoxSerialNumber", 25, false)
                    .string("firmwareVersion", 50, false).string("iccid", 20, false).string("imsi", 20, false)
                    .string("meterType", 25, false).string("meterSerialNumber", 25, false);
            case "Heartbeat" -> rules.allowed();
            case "StatusNotification" -> rules
                    .allowed("connectorId", "errorCode", "info", "status", "timestamp", "vendorId", "vendorErrorCode")
                    .integer("connectorId", true).oneOf("errorCode", ERROR_CODES, true).string("info", 50, false)
                    .oneOf("status", STATUSES, true).dateTime("timestamp", false).string("vendorId", 255, false)
                    .string("vendorErrorCode", 50, false);
            case "StartTransaction" -> rules
                    .allowed("connectorId", "idTag", "meterStart", "reservationId", "timestamp")
                    .integer("connectorId", true).string("idTag", 20, true).integer("meterStart", true)
                    .integer("reservationId", false).dateTime("timestamp", true);
            case "StopTransaction" -> {
                rules.allowed("idTag", "meterStop", "timestamp", "transactionId", "reason", "transactionData")
                        .string("idTag", 20, false).integer("meterStop", true).dateTime("timestamp", true)
                        .integer("transactionId", true).oneOf("reason", REASONS, false);
                if (payload.has("transactionData")) {
                    meterValues(payload.get("transactionData"), "transactionData", problems);
                }
            }
            case "MeterValues" -> {
                rules.allowed("connectorId", "transactionId", "meterValue")
                        .integer("connectorId", true).integer("transactionId", false);
                if (!payload.has("meterValue")) {
                    problems.add("missing meterValue");
                } else {
                    meterValues(payload.get("meterValue"), "meterValue", problems);
                }
            }
            default -> { }
        }
        return problems;
    }

    private static void meterValues(JsonNode meterValues, String field, List<String> problems) {
        if (!meterValues.isArray()) {
            problems.add(field + " must be an array");
            return;
        }
        for (JsonNode meterValue : meterValues) {
            new Rules(meterValue, problems).allowed("timestamp", "sampledValue").dateTime("timestamp", true);
            JsonNode samples = meterValue.get("sampledValue");
            if (samples == null || !samples.isArray()) {
                problems.add("sampledValue must be an array");
                continue;
            }
            for (JsonNode sample : samples) {
                new Rules(sample, problems)
                        .allowed("value", "context", "format", "measurand", "phase", "location", "unit")
                        .string("value", Integer.MAX_VALUE, true).oneOf("context", CONTEXTS, false)
                        .oneOf("format", FORMATS, false).oneOf("measurand", MEASURANDS, false)
                        .oneOf("phase", PHASES, false).oneOf("location", LOCATIONS, false)
                        .oneOf("unit", UNITS, false);
            }
        }
    }

    /** Fluent checks on one JSON object, collecting problems. */
    private record Rules(JsonNode node, List<String> problems) {

        Rules allowed(String... fields) {
            Set<String> known = Set.of(fields);
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!known.contains(property.getKey())) {
                    problems.add("additional property " + property.getKey());
                }
            }
            return this;
        }

        Rules string(String field, int maxLength, boolean required) {
            JsonNode value = present(field, required);
            if (value != null) {
                if (!value.isString()) {
                    problems.add(field + " must be a string");
                } else if (value.stringValue().length() > maxLength) {
                    problems.add(field + " longer than " + maxLength);
                }
            }
            return this;
        }

        Rules integer(String field, boolean required) {
            JsonNode value = present(field, required);
            if (value != null && !value.isIntegralNumber()) {
                problems.add(field + " must be an integer");
            }
            return this;
        }

        Rules oneOf(String field, Set<String> allowed, boolean required) {
            JsonNode value = present(field, required);
            if (value != null && (!value.isString() || !allowed.contains(value.stringValue()))) {
                problems.add(field + " has invalid value " + value);
            }
            return this;
        }

        Rules dateTime(String field, boolean required) {
            JsonNode value = present(field, required);
            if (value != null && (!value.isString() || !DATE_TIME.matcher(value.stringValue()).matches())) {
                problems.add(field + " is not a date-time: " + value);
            }
            return this;
        }

        private JsonNode present(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null && required) {
                problems.add("missing " + field);
            }
            return value;
        }
    }
}
