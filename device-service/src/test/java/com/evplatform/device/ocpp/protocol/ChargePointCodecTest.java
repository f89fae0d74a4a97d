package com.evplatform.device.ocpp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.evplatform.device.ocpp.protocol.messages.AuthorizationStatus;
import com.evplatform.device.ocpp.protocol.messages.Authorize;
import com.evplatform.device.ocpp.protocol.messages.BootNotification;
import com.evplatform.device.ocpp.protocol.messages.ChargePointRequest;
import com.evplatform.device.ocpp.protocol.messages.ChargePointResponse;
import com.evplatform.device.ocpp.protocol.messages.DataTransfer;
import com.evplatform.device.ocpp.protocol.messages.DataTransferStatus;
import com.evplatform.device.ocpp.protocol.messages.DiagnosticsStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.FirmwareStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.Heartbeat;
import com.evplatform.device.ocpp.protocol.messages.IdTagInfo;
import com.evplatform.device.ocpp.protocol.messages.MeterValues;
import com.evplatform.device.ocpp.protocol.messages.RegistrationStatus;
import com.evplatform.device.ocpp.protocol.messages.StartTransaction;
import com.evplatform.device.ocpp.protocol.messages.StatusNotification;
import com.evplatform.device.ocpp.protocol.messages.StopTransaction;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ChargePointCodecTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final Instant EIGHT = Instant.parse("2026-11-22T08:00:00Z");

    private static JsonNode json(String text) {
        return OcppJson.MAPPER.readTree(text);
    }

    /** Decodes as the central system does: only what the schema accepts. */
    private static ChargePointRequest decode(String action, String payload) {
        JsonNode tree = json(payload);
        assertThat(SCHEMAS.validateRequest(action, tree)).isEmpty();
        return ChargePointCodec.decode(action, tree);
    }

    @Test
    void the_actions_are_those_a_charge_point_initiates() {
        assertThat(ChargePointCodec.ACTIONS).containsExactlyInAnyOrderElementsOf(Stream.of(OcppAction.values())
                .filter(OcppAction::sentByChargePoint).map(OcppAction::name).toList());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}",
                        BootNotification.Request.class),
                Arguments.of("Heartbeat", "{}", Heartbeat.Request.class),
                Arguments.of("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}",
                        StatusNotification.Request.class),
                Arguments.of("Authorize", "{\"idTag\":\"T\"}", Authorize.Request.class),
                Arguments.of("StartTransaction",
                        "{\"connectorId\":1,\"idTag\":\"T\",\"meterStart\":0,\"timestamp\":\"2026-11-22T08:00:00Z\"}",
                        StartTransaction.Request.class),
                Arguments.of("MeterValues", "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-22T08:00:00Z\","
                        + "\"sampledValue\":[{\"value\":\"1\"}]}]}", MeterValues.Request.class),
                Arguments.of("StopTransaction",
                        "{\"transactionId\":1,\"meterStop\":2,\"timestamp\":\"2026-11-22T08:00:00Z\"}",
                        StopTransaction.Request.class),
                Arguments.of("DataTransfer", "{\"vendorId\":\"V\"}", DataTransfer.Request.class),
                Arguments.of("FirmwareStatusNotification", "{\"status\":\"Idle\"}",
                        FirmwareStatusNotification.Request.class),
                Arguments.of("DiagnosticsStatusNotification", "{\"status\":\"Idle\"}",
                        DiagnosticsStatusNotification.Request.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void each_action_decodes_into_its_request_record(String action, String payload, Class<?> type) {
        assertThat(decode(action, payload)).isInstanceOf(type);
    }

    @Test
    void an_action_the_central_system_sends_is_not_decoded() {
        assertThatThrownBy(() -> ChargePointCodec.decode("RemoteStartTransaction", json("{\"idTag\":\"T\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChargePointCodec.decode(null, json("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meter_readings_and_reservation_ids_beyond_int_are_read() {
        StartTransaction.Request start = (StartTransaction.Request) decode("StartTransaction", """
                {"connectorId":1,"idTag":"T","meterStart":5000000000,"reservationId":3000000000,
                 "timestamp":"2026-11-22T08:00:00Z"}""");
        assertThat(start.meterStart()).isEqualTo(5_000_000_000L);
        assertThat(start.reservationId()).isEqualTo(3_000_000_000L);

        StopTransaction.Request stop = (StopTransaction.Request) decode("StopTransaction", """
                {"transactionId":1,"meterStop":5000000001,"timestamp":"2026-11-22T08:00:00Z"}""");
        assertThat(stop.meterStop()).isEqualTo(5_000_000_001L);
    }

    @Test
    void a_connector_id_beyond_int_is_refused() {
        JsonNode payload = json("{\"connectorId\":3000000000,\"errorCode\":\"NoError\",\"status\":\"Available\"}");
        assertThat(SCHEMAS.validateRequest("StatusNotification", payload)).isEmpty();

        assertThatThrownBy(() -> ChargePointCodec.decode("StatusNotification", payload))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void times_keep_their_precision_and_apply_their_offset() {
        StatusNotification.Request status = (StatusNotification.Request) decode("StatusNotification", """
                {"connectorId":1,"errorCode":"NoError","status":"Available",
                 "timestamp":"2026-11-22T09:00:00.123456789+01:00"}""");
        assertThat(status.timestamp()).isEqualTo(EIGHT.plusNanos(123_456_789));
    }

    @Test
    void a_time_that_is_no_offset_date_time_is_refused() {
        // A leap second: RFC 3339 has it, java.time's offset date-time parser does not.
        assertThatThrownBy(() -> ChargePointCodec.decode("StopTransaction", json("""
                {"transactionId":1,"meterStop":2,"timestamp":"2026-12-31T23:59:60Z"}""")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("BootNotification", new BootNotification.Response(RegistrationStatus.Pending,
                        EIGHT.plusNanos(123_456_789), 60),
                        "{\"status\":\"Pending\",\"currentTime\":\"2026-11-22T08:00:00.123Z\",\"interval\":60}"),
                Arguments.of("Heartbeat", new Heartbeat.Response(EIGHT), "{\"currentTime\":\"2026-11-22T08:00:00Z\"}"),
                Arguments.of("Authorize", new Authorize.Response(IdTagInfo.of(AuthorizationStatus.Invalid)),
                        "{\"idTagInfo\":{\"status\":\"Invalid\"}}"),
                Arguments.of("StartTransaction", new StartTransaction.Response(
                        IdTagInfo.of(AuthorizationStatus.Accepted), 42),
                        "{\"transactionId\":42,\"idTagInfo\":{\"status\":\"Accepted\"}}"),
                Arguments.of("StopTransaction", new StopTransaction.Response(null), "{}"),
                Arguments.of("StopTransaction", new StopTransaction.Response(IdTagInfo.of(AuthorizationStatus.Invalid)),
                        "{\"idTagInfo\":{\"status\":\"Invalid\"}}"),
                Arguments.of("DataTransfer", new DataTransfer.Response(DataTransferStatus.UnknownVendorId, null),
                        "{\"status\":\"UnknownVendorId\"}"),
                Arguments.of("StatusNotification", new StatusNotification.Response(), "{}"),
                Arguments.of("MeterValues", new MeterValues.Response(), "{}"),
                Arguments.of("FirmwareStatusNotification", new FirmwareStatusNotification.Response(), "{}"),
                Arguments.of("DiagnosticsStatusNotification", new DiagnosticsStatusNotification.Response(), "{}"));
    }

    /** The exact text, field order included, that the central system has always written. */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("responses")
    void responses_are_written_as_on_the_wire_before(String action, ChargePointResponse response, String expected) {
        JsonNode payload = ChargePointCodec.encode(response);

        assertThat(OcppJson.MAPPER.writeValueAsString(payload)).isEqualTo(expected);
        assertThat(SCHEMAS.validateResponse(action, payload)).isEmpty();
    }
}
