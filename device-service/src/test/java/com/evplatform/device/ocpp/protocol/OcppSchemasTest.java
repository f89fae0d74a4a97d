package com.evplatform.device.ocpp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class OcppSchemasTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();

    private static JsonNode json(String text) {
        return OcppJson.MAPPER.readTree(text);
    }

    // ---------------------------------------------------------------- valid payloads

    static Stream<Arguments> validInboundCalls() {
        return Stream.of(
                Arguments.of("BootNotification", """
                        {"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger",
                         "chargePointSerialNumber":"CP-0001","chargeBoxSerialNumber":"CB-0001",
                         "firmwareVersion":"1.4.2","iccid":"8931080019073497795","imsi":"204080902167889",
                         "meterType":"ABB B23","meterSerialNumber":"M-1234567"}"""),
                Arguments.of("BootNotification", """
                        {"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger"}"""),
                Arguments.of("Heartbeat", "{}"),
                Arguments.of("Authorize", """
                        {"idTag":"04E1B2C3D4E5F6"}"""),
                Arguments.of("StatusNotification", """
                        {"connectorId":1,"errorCode":"NoError","status":"Available",
                         "timestamp":"2026-11-22T08:00:00Z"}"""),
                Arguments.of("StatusNotification", """
                        {"connectorId":0,"errorCode":"OtherError","status":"Faulted","info":"Door open",
                         "vendorId":"com.vendorx","vendorErrorCode":"E42"}"""),
                Arguments.of("StartTransaction", """
                        {"connectorId":1,"idTag":"04E1B2C3D4E5F6","meterStart":12500,
                         "timestamp":"2026-11-22T08:00:00.123Z","reservationId":7}"""),
                Arguments.of("MeterValues", """
                        {"connectorId":1,"transactionId":42,"meterValue":[{"timestamp":"2026-11-22T08:15:00+01:00",
                          "sampledValue":[
                            {"value":"12650","context":"Sample.Periodic","format":"Raw",
                             "measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},
                            {"value":"230.1","measurand":"Voltage","phase":"L1-N","unit":"V"},
                            {"value":"35","measurand":"Temperature","location":"Body","unit":"Celsius"},
                            {"value":"80","measurand":"SoC","location":"EV","unit":"Percent"}]}]}"""),
                Arguments.of("StopTransaction", """
                        {"transactionId":42,"idTag":"04E1B2C3D4E5F6","meterStop":19800,
                         "timestamp":"2026-11-22T09:00:00Z","reason":"EVDisconnected",
                         "transactionData":[{"timestamp":"2026-11-22T09:00:00Z",
                           "sampledValue":[{"value":"19800","context":"Transaction.End",
                             "measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}"""),
                Arguments.of("DataTransfer", """
                        {"vendorId":"com.vendorx","messageId":"PlugAndCharge","data":"{\\"x\\":1}"}"""),
                Arguments.of("FirmwareStatusNotification", """
                        {"status":"Installed"}"""),
                Arguments.of("DiagnosticsStatusNotification", """
                        {"status":"Uploaded"}"""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validInboundCalls")
    void valid_payloads_of_every_inbound_action_pass(String action, String payload) {
        assertThat(SCHEMAS.validateRequest(action, json(payload))).isEmpty();
    }

    static Stream<Arguments> validResponses() {
        return Stream.of(
                Arguments.of("BootNotification", """
                        {"status":"Accepted","currentTime":"2026-11-22T08:00:00Z","interval":300}"""),
                Arguments.of("Heartbeat", """
                        {"currentTime":"2026-11-22T08:00:00.000Z"}"""),
                Arguments.of("Authorize", """
                        {"idTagInfo":{"status":"Accepted","expiryDate":"2026-12-31T23:59:59Z","parentIdTag":"FLEET-1"}}"""),
                Arguments.of("StartTransaction", """
                        {"idTagInfo":{"status":"ConcurrentTx"},"transactionId":42}"""),
                Arguments.of("StopTransaction", "{}"),
                Arguments.of("StatusNotification", "{}"),
                Arguments.of("MeterValues", "{}"),
                Arguments.of("DataTransfer", """
                        {"status":"UnknownVendorId"}"""),
                Arguments.of("FirmwareStatusNotification", "{}"),
                Arguments.of("DiagnosticsStatusNotification", "{}"),
                // Answers of chargers to the central system's calls.
                Arguments.of("RemoteStartTransaction", """
                        {"status":"Accepted"}"""),
                Arguments.of("GetConfiguration", """
                        {"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"}],
                         "unknownKey":["Foo"]}"""),
                Arguments.of("GetCompositeSchedule", """
                        {"status":"Accepted","connectorId":1,"scheduleStart":"2026-11-22T08:00:00Z",
                         "chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[
                           {"startPeriod":0,"limit":16.3,"numberPhases":3},{"startPeriod":3600,"limit":32}]}}"""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validResponses")
    void valid_responses_pass(String action, String payload) {
        assertThat(SCHEMAS.validateResponse(action, json(payload))).isEmpty();
    }

    // ---------------------------------------------------------------- error code mapping

    @Test
    void a_missing_required_field_is_an_occurence_constraint_violation() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("BootNotification", json("""
                {"chargePointVendor":"VendorX"}"""));

        assertThat(violations).containsExactly(new SchemaViolation(
                OcppErrorCode.OccurenceConstraintViolation, "/chargePointModel", violations.get(0).message()));
        assertThat(violations.get(0).message()).contains("chargePointModel");
    }

    @Test
    void a_field_of_the_wrong_json_type_is_a_type_constraint_violation() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("StatusNotification", json("""
                {"connectorId":"1","errorCode":"NoError","status":"Available"}"""));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OcppErrorCode.TypeConstraintViolation);
            assertThat(v.path()).isEqualTo("/connectorId");
        });
    }

    @Test
    void a_fraction_where_an_integer_is_required_is_a_type_constraint_violation() {
        assertThat(SCHEMAS.validateRequest("StartTransaction", json("""
                {"connectorId":1,"idTag":"A","meterStart":12.5,"timestamp":"2026-11-22T08:00:00Z"}""")))
                .extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(
                        OcppErrorCode.TypeConstraintViolation, "/meterStart"));
    }

    @Test
    void a_value_outside_the_enumeration_is_a_property_constraint_violation() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("StatusNotification", json("""
                {"connectorId":1,"errorCode":"NoError","status":"Broken"}"""));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OcppErrorCode.PropertyConstraintViolation);
            assertThat(v.path()).isEqualTo("/status");
        });
    }

    @Test
    void enumerations_are_case_sensitive() {
        assertThat(SCHEMAS.validateRequest("StatusNotification", json("""
                {"connectorId":1,"errorCode":"NoError","status":"available"}""")))
                .extracting(SchemaViolation::code)
                .containsExactly(OcppErrorCode.PropertyConstraintViolation);
    }

    @Test
    void an_id_tag_longer_than_20_characters_is_a_property_constraint_violation() {
        assertThat(SCHEMAS.validateRequest("Authorize", json("""
                {"idTag":"12345678901234567890"}"""))).isEmpty();

        List<SchemaViolation> violations = SCHEMAS.validateRequest("Authorize", json("""
                {"idTag":"123456789012345678901"}"""));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OcppErrorCode.PropertyConstraintViolation);
            assertThat(v.path()).isEqualTo("/idTag");
            assertThat(v.message()).contains("20");
        });
    }

    @Test
    void a_property_the_pdu_does_not_have_is_a_formation_violation() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("Heartbeat", json("""
                {"foo":1}"""));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OcppErrorCode.FormationViolation);
            assertThat(v.path()).isEqualTo("/foo");
        });
    }

    @Test
    void an_unexpected_property_deep_inside_is_named_by_its_path() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("MeterValues", json("""
                {"connectorId":1,"meterValue":[{"timestamp":"2026-11-22T08:00:00Z",
                  "sampledValue":[{"value":"1"},{"value":"2","colour":"red"}]}]}"""));

        assertThat(violations).extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(
                        OcppErrorCode.FormationViolation, "/meterValue/0/sampledValue/1/colour"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "42", "true", "null"})
    void a_payload_that_is_not_an_object_is_a_formation_violation(String payload) {
        assertThat(SCHEMAS.validateRequest("Heartbeat", json(payload)))
                .extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(OcppErrorCode.FormationViolation, ""));
        assertThat(SCHEMAS.validateRequest("Heartbeat", null))
                .extracting(SchemaViolation::code).containsExactly(OcppErrorCode.FormationViolation);
    }

    // ---------------------------------------------------------------- date-time

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-22T08:00:00Z",
            "2026-11-22T08:00:00.123Z",
            "2026-11-22T08:00:00.123456Z",
            "2026-11-22T09:00:00+01:00",
            "2026-11-22T03:30:00.5-04:30",
            "2026-11-22t08:00:00z"})
    void rfc_3339_timestamps_pass(String timestamp) {
        assertThat(SCHEMAS.validateRequest("StatusNotification", statusWithTimestamp(timestamp))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-22T08:00:00",        // no offset
            "2026-11-22",                 // date only
            "2026-11-22 08:00:00Z",       // space instead of T
            "2026-02-30T08:00:00Z",       // no such day
            "2026-11-22T25:00:00Z",       // no such hour
            "22.11.2026 08:00",
            "1763798400",
            ""})
    void other_timestamps_are_property_constraint_violations(String timestamp) {
        assertThat(SCHEMAS.validateRequest("StatusNotification", statusWithTimestamp(timestamp)))
                .extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(
                        OcppErrorCode.PropertyConstraintViolation, "/timestamp"));
    }

    private static JsonNode statusWithTimestamp(String timestamp) {
        return JsonNodeFactory.instance.objectNode()
                .put("connectorId", 1)
                .put("errorCode", "NoError")
                .put("status", "Charging")
                .put("timestamp", timestamp);
    }

    // ---------------------------------------------------------------- responses

    @Test
    void a_boot_notification_response_without_interval_fails() {
        assertThat(SCHEMAS.validateResponse("BootNotification", json("""
                {"status":"Accepted","currentTime":"2026-11-22T08:00:00Z"}""")))
                .extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(
                        OcppErrorCode.OccurenceConstraintViolation, "/interval"));
    }

    @Test
    void a_boot_notification_response_with_a_fractional_interval_fails() {
        // The 2019-12 schemas made the interval an integer (it was "number" in 2015).
        assertThat(SCHEMAS.validateResponse("BootNotification", json("""
                {"status":"Accepted","currentTime":"2026-11-22T08:00:00Z","interval":1.5}""")))
                .extracting(SchemaViolation::code).containsExactly(OcppErrorCode.TypeConstraintViolation);
    }

    @Test
    void requests_and_responses_have_their_own_schemas() {
        JsonNode bootResponse = json("""
                {"status":"Accepted","currentTime":"2026-11-22T08:00:00Z","interval":300}""");

        assertThat(SCHEMAS.validateResponse("BootNotification", bootResponse)).isEmpty();
        assertThat(SCHEMAS.validateRequest("BootNotification", bootResponse))
                .extracting(SchemaViolation::code)
                .contains(OcppErrorCode.FormationViolation, OcppErrorCode.OccurenceConstraintViolation);
    }

    @Test
    void a_charging_limit_must_have_at_most_one_decimal() {
        assertThat(SCHEMAS.validateResponse("GetCompositeSchedule", json("""
                {"status":"Accepted","chargingSchedule":{"chargingRateUnit":"W",
                  "chargingSchedulePeriod":[{"startPeriod":0,"limit":7.36}]}}""")))
                .extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(OcppErrorCode.PropertyConstraintViolation,
                        "/chargingSchedule/chargingSchedulePeriod/0/limit"));
    }

    // ---------------------------------------------------------------- ordering, unknown actions

    @Test
    void several_violations_come_most_fundamental_first() {
        List<SchemaViolation> violations = SCHEMAS.validateRequest("StatusNotification", json("""
                {"connectorId":1,"status":"Nope","info":12,"extra":true}"""));

        assertThat(violations).extracting(SchemaViolation::code).containsExactly(
                OcppErrorCode.FormationViolation,
                OcppErrorCode.TypeConstraintViolation,
                OcppErrorCode.OccurenceConstraintViolation,
                OcppErrorCode.PropertyConstraintViolation);
        assertThat(violations).extracting(SchemaViolation::path)
                .containsExactly("/extra", "/info", "/errorCode", "/status");
    }

    @Test
    void knows_every_ocpp_16_action_in_both_directions_and_nothing_else() {
        assertThat(OcppAction.values()).hasSize(28);
        for (OcppAction action : OcppAction.values()) {
            assertThat(SCHEMAS.knowsAction(action.name())).as(action.name()).isTrue();
        }
        assertThat(SCHEMAS.knowsAction("RemoteStartTransaction")).isTrue();
        assertThat(SCHEMAS.knowsAction("bootNotification")).isFalse();
        assertThat(SCHEMAS.knowsAction("BootNotificationResponse")).isFalse();
        assertThat(SCHEMAS.knowsAction("SignCertificate")).isFalse();
        assertThat(SCHEMAS.knowsAction("TransactionEvent")).isFalse();
        assertThat(SCHEMAS.knowsAction(null)).isFalse();
    }

    @Test
    void an_unknown_action_is_not_implemented() {
        assertThat(SCHEMAS.validateRequest("TransactionEvent", json("{}")))
                .extracting(SchemaViolation::code).containsExactly(OcppErrorCode.NotImplemented);
        assertThat(SCHEMAS.validateResponse("TransactionEvent", json("{}")))
                .extracting(SchemaViolation::code).containsExactly(OcppErrorCode.NotImplemented);
        assertThat(SCHEMAS.validateRequest(null, json("{}")))
                .extracting(SchemaViolation::code).containsExactly(OcppErrorCode.NotImplemented);
    }

    @Test
    void the_schemas_are_shared_safely_between_threads() throws Exception {
        JsonNode valid = json("""
                {"connectorId":1,"errorCode":"NoError","status":"Available"}""");
        JsonNode invalid = json("""
                {"connectorId":1,"errorCode":"NoError","status":"Broken"}""");
        List<Thread> threads = new ArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!SCHEMAS.validateRequest("StatusNotification", valid).isEmpty()
                            || SCHEMAS.validateRequest("StatusNotification", invalid).size() != 1) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }

    // ---------------------------------------------------------------- mapping of keywords the 1.6 schemas do not use

    @Test
    void minimum_pattern_and_cardinality_map_like_their_kin() {
        OcppSchemas custom = OcppSchemas.compile(Map.of("Probe", """
                {"$schema":"http://json-schema.org/draft-04/schema#","type":"object",
                 "properties":{"n":{"type":"integer","minimum":1},
                               "code":{"type":"string","pattern":"^[A-Z]{3}$"},
                               "list":{"type":"array","minItems":1,"items":{"type":"string"}}},
                 "additionalProperties":false}"""), Map.of());

        assertThat(custom.validateRequest("Probe", json("""
                {"n":0}"""))).extracting(SchemaViolation::code, SchemaViolation::path)
                .containsExactly(tuple(OcppErrorCode.PropertyConstraintViolation, "/n"));
        assertThat(custom.validateRequest("Probe", json("""
                {"code":"abc"}"""))).extracting(SchemaViolation::code)
                .containsExactly(OcppErrorCode.PropertyConstraintViolation);
        assertThat(custom.validateRequest("Probe", json("""
                {"list":[]}"""))).extracting(SchemaViolation::code)
                .containsExactly(OcppErrorCode.OccurenceConstraintViolation);
        assertThat(custom.validateRequest("Probe", json("""
                {"n":1,"code":"ABC","list":["x"]}"""))).isEmpty();
    }

    @Test
    void a_broken_schema_fails_at_start_up_not_at_the_first_message() {
        assertThatThrownBy(() -> OcppSchemas.compile(Map.of("Probe", "{not json"), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Probe");
    }
}
