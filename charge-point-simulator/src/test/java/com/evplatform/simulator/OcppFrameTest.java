package com.evplatform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OcppFrameTest {

    @Test
    void parsesTheThreeMessageTypes() throws Exception {
        assertThat(OcppFrame.parse("[2,\"a1\",\"Reset\",{\"type\":\"Soft\"}]"))
                .isInstanceOfSatisfying(OcppFrame.Call.class, call -> {
                    assertThat(call.uniqueId()).isEqualTo("a1");
                    assertThat(call.action()).isEqualTo("Reset");
                    assertThat(call.payload().get("type").asString()).isEqualTo("Soft");
                });
        assertThat(OcppFrame.parse("[3,\"a2\",{\"status\":\"Accepted\"}]"))
                .isInstanceOfSatisfying(OcppFrame.CallResult.class,
                        result -> assertThat(result.payload().get("status").asString()).isEqualTo("Accepted"));
        assertThat(OcppFrame.parse("[4,\"a3\",\"FormationViolation\",\"bad\",{}]"))
                .isInstanceOfSatisfying(OcppFrame.CallError.class, error -> {
                    assertThat(error.errorCode()).isEqualTo("FormationViolation");
                    assertThat(error.description()).isEqualTo("bad");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "[2]", "[9,\"x\",{}]", "[\"2\",\"x\",\"Reset\",{}]",
            "[2,\"x\",\"Reset\"]", "[2,\"x\",\"Reset\",[]]", "[3,\"x\",\"text\"]", "[4,\"x\",5,\"d\",{}]"})
    void rejectsWhatIsNotAnOcppFrame(String text) {
        assertThatThrownBy(() -> OcppFrame.parse(text)).isInstanceOf(OcppFrame.MalformedFrameException.class);
    }

    @Test
    void writesFramesAsJsonArrays() {
        assertThat(OcppFrame.call("7", "Heartbeat", OcppFrame.object())).isEqualTo("[2,\"7\",\"Heartbeat\",{}]");
        assertThat(OcppFrame.callResult("7", OcppFrame.object().put("status", "Accepted")))
                .isEqualTo("[3,\"7\",{\"status\":\"Accepted\"}]");
        assertThat(OcppFrame.callError("7", "NotImplemented", "unknown"))
                .isEqualTo("[4,\"7\",\"NotImplemented\",\"unknown\",{}]");
    }

    @Test
    void formatsTimestampsAsUtcWithMilliseconds() {
        assertThat(OcppFrame.timestamp(Instant.parse("2026-11-22T08:00:00Z"))).isEqualTo("2026-11-22T08:00:00.000Z");
        assertThat(OcppFrame.timestamp(Instant.parse("2026-11-22T08:00:01.123456Z"))).isEqualTo("2026-11-22T08:00:01.123Z");
    }
}
