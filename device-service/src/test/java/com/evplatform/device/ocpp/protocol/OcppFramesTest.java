package com.evplatform.device.ocpp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class OcppFramesTest {

    private static final String ID36 = "123e4567-e89b-12d3-a456-426614174000";
    private static final String ID37 = ID36 + "1";

    private static JsonNode json(String text) {
        return OcppJson.MAPPER.readTree(text);
    }

    private static FrameException failure(String text) {
        return catchThrowableOfType(FrameException.class, () -> OcppFrames.parse(text));
    }

    // ---------------------------------------------------------------- well-formed frames

    @Test
    void reads_a_call() throws FrameException {
        OcppFrame frame = OcppFrames.parse("""
                [2, "19223201", "BootNotification", {"chargePointVendor": "VendorX", "chargePointModel": "M1"}]""");

        assertThat(frame).isEqualTo(new Call("19223201", "BootNotification",
                json("{\"chargePointVendor\":\"VendorX\",\"chargePointModel\":\"M1\"}")));
        assertThat(frame.messageTypeId()).isEqualTo(2);
    }

    @Test
    void reads_a_call_result() throws FrameException {
        assertThat(OcppFrames.parse("[3,\"19223201\",{\"currentTime\":\"2026-11-22T08:00:00Z\"}]"))
                .isEqualTo(new CallResult("19223201", json("{\"currentTime\":\"2026-11-22T08:00:00Z\"}")));
    }

    @Test
    void reads_a_call_error() throws FrameException {
        assertThat(OcppFrames.parse("[4,\"162376037\",\"NotSupported\",\"SetDisplayMessage not supported\",{}]"))
                .isEqualTo(new CallError("162376037", OcppErrorCode.NotSupported,
                        "SetDisplayMessage not supported", json("{}")));
    }

    @Test
    void reads_every_error_code_by_its_wire_name() throws FrameException {
        for (OcppErrorCode code : OcppErrorCode.values()) {
            OcppFrame frame = OcppFrames.parse("[4,\"1\",\"" + code.wireName() + "\",\"\",{}]");
            assertThat(((CallError) frame).code()).isEqualTo(code);
        }
        assertThat(OcppErrorCode.OccurenceConstraintViolation.wireName()).isEqualTo("OccurenceConstraintViolation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RpcFrameworkError", "notsupported", "VendorSpecificFailure", ""})
    void an_unknown_error_code_is_read_as_generic_error(String wireName) throws FrameException {
        OcppFrame frame = OcppFrames.parse("[4,\"7\",\"" + wireName + "\",\"it broke\",{\"reason\":\"x\"}]");

        assertThat(frame).isEqualTo(new CallError("7", OcppErrorCode.GenericError, "it broke",
                json("{\"reason\":\"x\"}")));
    }

    @Test
    void a_null_payload_or_null_details_is_read_as_an_empty_object() throws FrameException {
        assertThat(OcppFrames.parse("[2,\"1\",\"Heartbeat\",null]")).isEqualTo(new Call("1", "Heartbeat", json("{}")));
        assertThat(OcppFrames.parse("[3,\"1\",null]")).isEqualTo(new CallResult("1", json("{}")));
        assertThat(OcppFrames.parse("[4,\"1\",\"InternalError\",\"\",null]"))
                .isEqualTo(new CallError("1", OcppErrorCode.InternalError, "", json("{}")));
    }

    @Test
    void an_id_of_exactly_36_characters_is_accepted() throws FrameException {
        assertThat(OcppFrames.parse("[2,\"" + ID36 + "\",\"Heartbeat\",{}]").messageId()).isEqualTo(ID36);
        // Characters, not UTF-8 bytes or UTF-16 units: 36 emoji are 36 characters.
        String emoji = "\uD83D\uDD0C".repeat(36);
        assertThat(OcppFrames.parse("[2,\"" + emoji + "\",\"Heartbeat\",{}]").messageId()).isEqualTo(emoji);
    }

    @Test
    void surrounding_whitespace_is_fine() throws FrameException {
        assertThat(OcppFrames.parse(" \n[2 , \"1\" , \"Heartbeat\" , { } ]\n")).isInstanceOf(Call.class);
    }

    // ---------------------------------------------------------------- malformed frames

    static Stream<Arguments> notOcppJAtAll() {
        return Stream.of(
                Arguments.of("not JSON", "hello"),
                Arguments.of("truncated", "[2,\"1\",\"Heartbeat\",{}"),
                Arguments.of("empty text", ""),
                Arguments.of("blank text", "   "),
                Arguments.of("trailing garbage", "[2,\"1\",\"Heartbeat\",{}] x"),
                Arguments.of("two documents", "[2,\"1\",\"Heartbeat\",{}][2,\"2\",\"Heartbeat\",{}]"),
                Arguments.of("duplicate key", "[2,\"1\",\"Authorize\",{\"idTag\":\"A\",\"idTag\":\"B\"}]"),
                Arguments.of("an object", "{\"messageTypeId\":2}"),
                Arguments.of("a string", "\"[2,1]\""),
                Arguments.of("a number", "2"),
                Arguments.of("null", "null"),
                Arguments.of("empty array", "[]"),
                Arguments.of("type as string", "[\"2\",\"1\",\"Heartbeat\",{}]"),
                Arguments.of("type as fraction", "[2.0,\"1\",\"Heartbeat\",{}]"),
                Arguments.of("type null", "[null,\"1\",\"Heartbeat\",{}]"),
                Arguments.of("nested too deep", "[2,\"1\",\"DataTransfer\"," + "[".repeat(100) + "]".repeat(100) + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOcppJAtAll")
    void text_that_is_not_an_ocpp_j_message_is_a_formation_violation_that_is_not_answered(String name, String text) {
        FrameException e = failure(text);

        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(OcppErrorCode.FormationViolation);
        assertThat(e.answerable()).isFalse();
        assertThatThrownBy(e::toCallError).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void null_text_is_refused() {
        assertThat(failure(null).code()).isEqualTo(OcppErrorCode.FormationViolation);
    }

    @Test
    void the_id_is_kept_when_only_the_type_number_is_broken() {
        FrameException e = failure("[\"2\",\"abc\",\"Heartbeat\",{}]");

        assertThat(e.messageId()).isEqualTo("abc");
        assertThat(e.messageTypeId()).isNull();
        assertThat(e.answerable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 6, -2, 20})
    void an_unknown_message_type_is_ignored_as_section_4_1_3_requires(int typeId) {
        FrameException e = failure("[" + typeId + ",\"abc\",\"Heartbeat\",{}]");

        assertThat(e.code()).isEqualTo(OcppErrorCode.FormationViolation);
        assertThat(e.messageTypeId()).isEqualTo(typeId);
        assertThat(e.messageId()).isEqualTo("abc");
        assertThat(e.answerable()).isFalse();
    }

    static Stream<Arguments> incompleteFrames() {
        return Stream.of(
                Arguments.of("[2]", null),
                Arguments.of("[2,\"abc\"]", "abc"),
                Arguments.of("[2,\"abc\",\"Heartbeat\"]", "abc"),
                Arguments.of("[3,\"abc\"]", "abc"),
                Arguments.of("[4,\"abc\",\"GenericError\",\"boom\"]", "abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteFrames")
    void a_frame_with_too_few_elements_is_a_protocol_error(String text, String messageId) {
        FrameException e = failure(text);

        assertThat(e.code()).isEqualTo(OcppErrorCode.ProtocolError);
        assertThat(e.messageId()).isEqualTo(messageId);
    }

    @Test
    void an_incomplete_call_with_an_id_is_answered_with_a_call_error() {
        FrameException e = failure("[2,\"abc\",\"Heartbeat\"]");

        assertThat(e.answerable()).isTrue();
        CallError answer = e.toCallError();
        assertThat(answer.messageId()).isEqualTo("abc");
        assertThat(answer.code()).isEqualTo(OcppErrorCode.ProtocolError);
        assertThat(answer.details()).isEqualTo(json("{}"));
    }

    @Test
    void a_broken_answer_is_never_answered() {
        assertThat(failure("[3,\"abc\"]").answerable()).isFalse();
        assertThat(failure("[4,\"abc\",\"GenericError\",\"boom\"]").answerable()).isFalse();
        assertThat(failure("[3,\"abc\",[]]").answerable()).isFalse();
    }

    static Stream<Arguments> misshapenFrames() {
        return Stream.of(
                Arguments.of("CALL with 5 elements", "[2,\"abc\",\"Heartbeat\",{},{}]", "abc", true),
                Arguments.of("CALLRESULT with 4 elements", "[3,\"abc\",{},{}]", "abc", false),
                Arguments.of("CALLERROR with 6 elements", "[4,\"abc\",\"GenericError\",\"\",{},1]", "abc", false),
                Arguments.of("numeric id", "[2,19223201,\"Heartbeat\",{}]", null, false),
                Arguments.of("null id", "[2,null,\"Heartbeat\",{}]", null, false),
                Arguments.of("id of 37 characters", "[2,\"" + ID37 + "\",\"Heartbeat\",{}]", ID37, true),
                Arguments.of("numeric action", "[2,\"abc\",7,{}]", "abc", true),
                Arguments.of("null action", "[2,\"abc\",null,{}]", "abc", true),
                Arguments.of("array payload", "[2,\"abc\",\"Heartbeat\",[]]", "abc", true),
                Arguments.of("string payload", "[2,\"abc\",\"Heartbeat\",\"{}\"]", "abc", true),
                Arguments.of("result payload a number", "[3,\"abc\",1]", "abc", false),
                Arguments.of("numeric error code", "[4,\"abc\",500,\"\",{}]", "abc", false),
                Arguments.of("null description", "[4,\"abc\",\"GenericError\",null,{}]", "abc", false),
                Arguments.of("details an array", "[4,\"abc\",\"GenericError\",\"\",[]]", "abc", false),
                Arguments.of("details a string", "[4,\"abc\",\"GenericError\",\"\",\"none\"]", "abc", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misshapenFrames")
    void a_frame_that_does_not_conform_to_its_structure_is_a_formation_violation(
            String name, String text, String messageId, boolean answerable) {
        FrameException e = failure(text);

        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(OcppErrorCode.FormationViolation);
        assertThat(e.messageId()).isEqualTo(messageId);
        assertThat(e.answerable()).isEqualTo(answerable);
    }

    @Test
    void a_too_long_id_is_echoed_in_the_call_error_that_answers_it() {
        CallError answer = failure("[2,\"" + ID37 + "\",\"Heartbeat\",{}]").toCallError();

        assertThat(answer.messageId()).isEqualTo(ID37);
        assertThat(OcppFrames.write(answer)).startsWith("[4,\"" + ID37 + "\",\"FormationViolation\",");
    }

    // ---------------------------------------------------------------- writing

    @Test
    void writes_compact_frames() {
        assertThat(OcppFrames.write(new Call("1", "Heartbeat", json("{}")))).isEqualTo("[2,\"1\",\"Heartbeat\",{}]");
        assertThat(OcppFrames.write(new CallResult("1", json("{\"currentTime\":\"2026-11-22T08:00:00Z\"}"))))
                .isEqualTo("[3,\"1\",{\"currentTime\":\"2026-11-22T08:00:00Z\"}]");
        assertThat(OcppFrames.write(CallError.of("1", OcppErrorCode.OccurenceConstraintViolation, "Missing \"idTag\"")))
                .isEqualTo("[4,\"1\",\"OccurenceConstraintViolation\",\"Missing \\\"idTag\\\"\",{}]");
    }

    static Stream<OcppFrame> frames() {
        return Stream.of(
                new Call(ID36, "MeterValues", json("""
                        {"connectorId":1,"meterValue":[{"timestamp":"2026-11-22T08:00:00Z",
                          "sampledValue":[{"value":"12.5","unit":"kWh"}]}]}""")),
                new Call("ü-ñ-\u20AC", "DataTransfer", json("{\"vendorId\":\"x\",\"data\":\"line1\\nline2 \\u0000\"}")),
                new CallResult("42", json("{\"idTagInfo\":{\"status\":\"Accepted\"},\"transactionId\":9007199254740993}")),
                new CallResult("43", json("{\"limit\":16.3}")),
                new CallError("44", OcppErrorCode.TypeConstraintViolation, "connectorId: string found, integer expected",
                        json("{\"path\":\"/connectorId\",\"nested\":{\"a\":[1,2,null,true]}}")));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void what_is_written_reads_back_the_same(OcppFrame frame) throws FrameException {
        assertThat(OcppFrames.parse(OcppFrames.write(frame))).isEqualTo(frame);
    }

    @Test
    void frames_refuse_what_cannot_be_written() {
        assertThatThrownBy(() -> new Call(ID37, "Heartbeat", json("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call("1", "Heartbeat", json("[]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call("1", null, json("{}"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallResult("1", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallError("1", OcppErrorCode.GenericError, "", json("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
