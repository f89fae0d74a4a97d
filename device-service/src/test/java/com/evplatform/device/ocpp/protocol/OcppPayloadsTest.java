package com.evplatform.device.ocpp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.evplatform.device.ocpp.protocol.messages.AuthorizationStatus;
import com.evplatform.device.ocpp.protocol.messages.Authorize;
import com.evplatform.device.ocpp.protocol.messages.BootNotification;
import com.evplatform.device.ocpp.protocol.messages.ChargePointErrorCode;
import com.evplatform.device.ocpp.protocol.messages.ChargePointStatus;
import com.evplatform.device.ocpp.protocol.messages.DataTransfer;
import com.evplatform.device.ocpp.protocol.messages.DataTransferStatus;
import com.evplatform.device.ocpp.protocol.messages.DiagnosticsStatus;
import com.evplatform.device.ocpp.protocol.messages.DiagnosticsStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.FirmwareStatus;
import com.evplatform.device.ocpp.protocol.messages.FirmwareStatusNotification;
import com.evplatform.device.ocpp.protocol.messages.Heartbeat;
import com.evplatform.device.ocpp.protocol.messages.IdTagInfo;
import com.evplatform.device.ocpp.protocol.messages.MeterValue;
import com.evplatform.device.ocpp.protocol.messages.MeterValues;
import com.evplatform.device.ocpp.protocol.messages.Reason;
import com.evplatform.device.ocpp.protocol.messages.RegistrationStatus;
import com.evplatform.device.ocpp.protocol.messages.SampledValue;
import com.evplatform.device.ocpp.protocol.messages.StartTransaction;
import com.evplatform.device.ocpp.protocol.messages.StatusNotification;
import com.evplatform.device.ocpp.protocol.messages.StopTransaction;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class OcppPayloadsTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private static final Instant EIGHT = Instant.parse("2026-11-22T08:00:00Z");

    private static JsonNode json(String text) {
        return OcppJson.MAPPER.readTree(text);
    }

    // ---------------------------------------------------------------- reading requests

    @Test
    void reads_a_boot_notification() {
        assertThat(OcppPayloads.read(json("""
                {"chargePointVendor":"VendorX","chargePointModel":"M1","firmwareVersion":"1.4.2"}"""),
                BootNotification.Request.class))
                .isEqualTo(new BootNotification.Request("VendorX", "M1", null, null, "1.4.2", null, null, null, null));
    }

    @Test
    void reads_a_status_notification() {
        assertThat(OcppPayloads.read(json("""
                {"connectorId":2,"errorCode":"GroundFailure","status":"SuspendedEVSE","info":"RCD tripped",
                 "timestamp":"2026-11-22T08:00:00.250Z","vendorErrorCode":"E7"}"""), StatusNotification.Request.class))
                .isEqualTo(new StatusNotification.Request(2, ChargePointErrorCode.GroundFailure, "RCD tripped",
                        ChargePointStatus.SuspendedEVSE, EIGHT.plusMillis(250), null, "E7"));
    }

    @Test
    void reads_times_with_an_offset_as_the_same_instant() {
        StartTransaction.Request request = OcppPayloads.read(json("""
                {"connectorId":1,"idTag":"TAG","meterStart":100,"timestamp":"2026-11-22T09:00:00+01:00"}"""),
                StartTransaction.Request.class);

        assertThat(request.timestamp()).isEqualTo(EIGHT);
        assertThat(request.reservationId()).isNull();
    }

    @Test
    void reads_meter_values_with_their_defaults() {
        MeterValues.Request request = OcppPayloads.read(json("""
                {"connectorId":1,"transactionId":42,"meterValue":[{"timestamp":"2026-11-22T08:00:00Z",
                  "sampledValue":[{"value":"12650"},{"value":"230.1","measurand":"Voltage","phase":"L1-N","unit":"V"}]}]}"""),
                MeterValues.Request.class);

        assertThat(request.transactionId()).isEqualTo(42);
        MeterValue meterValue = request.meterValue().getFirst();
        assertThat(meterValue.timestamp()).isEqualTo(EIGHT);
        SampledValue energy = meterValue.sampledValue().get(0);
        assertThat(energy.measurandOrDefault()).isEqualTo("Energy.Active.Import.Register");
        assertThat(energy.unitOrDefault()).isEqualTo("Wh");
        assertThat(energy.contextOrDefault()).isEqualTo("Sample.Periodic");
        assertThat(energy.locationOrDefault()).isEqualTo("Outlet");
        assertThat(energy.formatOrDefault()).isEqualTo("Raw");
        SampledValue voltage = meterValue.sampledValue().get(1);
        assertThat(voltage.measurandOrDefault()).isEqualTo("Voltage");
        assertThat(voltage.phase()).isEqualTo("L1-N");
        assertThat(voltage.unitOrDefault()).isEqualTo("V");
    }

    @Test
    void reads_a_stop_transaction_whose_reason_defaults_to_local() {
        StopTransaction.Request request = OcppPayloads.read(json("""
                {"transactionId":42,"meterStop":19800,"timestamp":"2026-11-22T08:00:00Z"}"""),
                StopTransaction.Request.class);

        assertThat(request.reason()).isNull();
        assertThat(request.reasonOrDefault()).isEqualTo(Reason.Local);
        assertThat(request.transactionData()).isNull();
    }

    @Test
    void reads_the_other_inbound_requests() {
        assertThat(OcppPayloads.read(json("{}"), Heartbeat.Request.class)).isEqualTo(new Heartbeat.Request());
        assertThat(OcppPayloads.read(json("{\"idTag\":\"TAG\"}"), Authorize.Request.class))
                .isEqualTo(new Authorize.Request("TAG"));
        assertThat(OcppPayloads.read(json("{\"vendorId\":\"v\",\"data\":\"d\"}"), DataTransfer.Request.class))
                .isEqualTo(new DataTransfer.Request("v", null, "d"));
        assertThat(OcppPayloads.read(json("{\"status\":\"InstallationFailed\"}"), FirmwareStatusNotification.Request.class))
                .isEqualTo(new FirmwareStatusNotification.Request(FirmwareStatus.InstallationFailed));
        assertThat(OcppPayloads.read(json("{\"status\":\"UploadFailed\"}"), DiagnosticsStatusNotification.Request.class))
                .isEqualTo(new DiagnosticsStatusNotification.Request(DiagnosticsStatus.UploadFailed));
    }

    @Test
    void a_number_beyond_the_java_type_is_refused() {
        // Valid per schema ("integer" has no bound), but no int.
        JsonNode payload = json("""
                {"transactionId":3000000000,"meterStop":1,"timestamp":"2026-11-22T08:00:00Z"}""");
        assertThat(SCHEMAS.validateRequest("StopTransaction", payload)).isEmpty();

        assertThatThrownBy(() -> OcppPayloads.read(payload, StopTransaction.Request.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_property_the_record_does_not_have_is_refused() {
        assertThatThrownBy(() -> OcppPayloads.read(json("{\"idTag\":\"A\",\"pin\":\"1234\"}"), Authorize.Request.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- writing responses

    static Stream<Arguments> responses() {
        IdTagInfo accepted = new IdTagInfo(AuthorizationStatus.Accepted, Instant.parse("2026-12-31T23:59:59Z"), "FLEET");
        return Stream.of(
                Arguments.of("BootNotification", new BootNotification.Response(RegistrationStatus.Accepted, EIGHT, 300),
                        "{\"status\":\"Accepted\",\"currentTime\":\"2026-11-22T08:00:00Z\",\"interval\":300}"),
                Arguments.of("Heartbeat", new Heartbeat.Response(Instant.parse("2026-11-22T08:00:00.123456789Z")),
                        "{\"currentTime\":\"2026-11-22T08:00:00.123Z\"}"),
                Arguments.of("Authorize", new Authorize.Response(accepted),
                        "{\"idTagInfo\":{\"status\":\"Accepted\",\"expiryDate\":\"2026-12-31T23:59:59Z\",\"parentIdTag\":\"FLEET\"}}"),
                Arguments.of("StartTransaction", new StartTransaction.Response(IdTagInfo.of(AuthorizationStatus.Blocked), 42),
                        "{\"idTagInfo\":{\"status\":\"Blocked\"},\"transactionId\":42}"),
                Arguments.of("StopTransaction", new StopTransaction.Response(null), "{}"),
                Arguments.of("StopTransaction", new StopTransaction.Response(IdTagInfo.of(AuthorizationStatus.Accepted)),
                        "{\"idTagInfo\":{\"status\":\"Accepted\"}}"),
                Arguments.of("StatusNotification", new StatusNotification.Response(), "{}"),
                Arguments.of("MeterValues", new MeterValues.Response(), "{}"),
                Arguments.of("DataTransfer", new DataTransfer.Response(DataTransferStatus.UnknownVendorId, null),
                        "{\"status\":\"UnknownVendorId\"}"),
                Arguments.of("FirmwareStatusNotification", new FirmwareStatusNotification.Response(), "{}"),
                Arguments.of("DiagnosticsStatusNotification", new DiagnosticsStatusNotification.Response(), "{}"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("responses")
    void writes_responses_that_pass_their_schema(String action, Object response, String expected) {
        JsonNode payload = OcppPayloads.write(response);

        assertThat(payload).isEqualTo(json(expected));
        assertThat(SCHEMAS.validateResponse(action, payload)).isEmpty();
        assertThat(OcppPayloads.read(payload, response.getClass())).isNotNull();
    }

    @Test
    void a_request_written_from_its_record_reads_back_the_same() {
        StopTransaction.Request request = new StopTransaction.Request("TAG", 19800, EIGHT, 42, Reason.EVDisconnected,
                List.of(new MeterValue(EIGHT, List.of(
                        new SampledValue("19800", "Transaction.End", null, null, null, null, "Wh")))));

        JsonNode payload = OcppPayloads.write(request);

        assertThat(SCHEMAS.validateRequest("StopTransaction", payload)).isEmpty();
        assertThat(OcppPayloads.read(payload, StopTransaction.Request.class)).isEqualTo(request);
    }

    @Test
    void a_value_that_is_not_an_object_cannot_be_a_payload() {
        assertThatThrownBy(() -> OcppPayloads.write("Accepted")).isInstanceOf(IllegalArgumentException.class);
    }
}
