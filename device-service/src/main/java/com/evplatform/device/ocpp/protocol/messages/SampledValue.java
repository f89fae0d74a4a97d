package com.evplatform.device.ocpp.protocol.messages;

/**
 * OCPP 1.6 SampledValue: one measured value. The qualifiers are kept as the wire strings (their
 * values are checked by the schema, and "Celcius"/"Celsius" both occur); each has a default that
 * applies when it is absent, given by the {@code ...OrDefault()} methods.
 *
 * @param value     required: the value as a string, as the charge point wrote it ({@code "12.5"});
 *                  a hex string when {@code format} is {@code SignedData}
 * @param context   optional, default {@code Sample.Periodic}
 * @param format    optional, {@code Raw} (default) or {@code SignedData}
 * @param measurand optional, default {@code Energy.Active.Import.Register}
 * @param phase     optional, no default
 * @param location  optional, default {@code Outlet}
 * @param unit      optional, default {@code Wh}
 */
public record SampledValue(String value, String context, String format, String measurand, String phase,
                           String location, String unit) {

    public static final String DEFAULT_CONTEXT = "Sample.Periodic";
    public static final String DEFAULT_FORMAT = "Raw";
    public static final String DEFAULT_MEASURAND = "Energy.Active.Import.Register";
    public static final String DEFAULT_LOCATION = "Outlet";
    public static final String DEFAULT_UNIT = "Wh";

    public String contextOrDefault() {
        return context == null ? DEFAULT_CONTEXT : context;
    }

    public String formatOrDefault() {
        return format == null ? DEFAULT_FORMAT : format;
    }

    public String measurandOrDefault() {
        return measurand == null ? DEFAULT_MEASURAND : measurand;
    }

    public String locationOrDefault() {
        return location == null ? DEFAULT_LOCATION : location;
    }

    public String unitOrDefault() {
        return unit == null ? DEFAULT_UNIT : unit;
    }
}
