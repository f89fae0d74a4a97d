package com.evplatform.messaging.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.evplatform.messaging.Envelope;
import com.evplatform.messaging.support.EnvelopeCodec.UndecodableMessageException;

import tools.jackson.databind.json.JsonMapper;

class EnvelopeCodecTest {

    record Reading(String chargePointId, long meterWh) {
    }

    private final EnvelopeCodec codec = new EnvelopeCodec(JsonMapper.builder().build());

    @Test
    void an_envelope_survives_the_round_trip() {
        var envelope = new Envelope(MessageIds.next(), "device.meter-values", 1, Instant.parse("2026-01-02T03:04:05.123Z"),
                "device-service", "cp:CP1", 7, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                codec.toTree(new Reading("CP1", 1234)));

        Envelope decoded = codec.decode(codec.encode(envelope));

        // The payload tree may come back with other numeric node types; compare it decoded.
        assertThat(decoded).usingRecursiveComparison().ignoringFields("payload").isEqualTo(envelope);
        assertThat(codec.payload(decoded, Reading.class)).isEqualTo(new Reading("CP1", 1234));
    }

    @Test
    void fields_a_newer_producer_added_are_ignored() {
        String json = """
                {"messageId":"01a201bf-b88c-78aa-8fa5-5463fc3c1962","type":"device.meter-values","schemaVersion":2,
                 "occurredAt":"2026-01-02T03:04:05Z","producer":"device-service","aggregateId":"cp:CP1",
                 "aggregateVersion":3,"traceparent":null,"region":"north",
                 "payload":{"chargePointId":"CP1","meterWh":99,"phases":3}}""";

        Envelope envelope = codec.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(codec.payload(envelope, Reading.class)).isEqualTo(new Reading("CP1", 99));
    }

    @Test
    void bytes_that_are_no_envelope_are_undecodable_not_a_crash() {
        assertThatThrownBy(() -> codec.decode("{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableMessageException.class).hasMessageContaining("not a JSON envelope");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"x\",\"schemaVersion\":1,\"aggregateVersion\":1}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableMessageException.class).hasMessageContaining("lacks messageId");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableMessageException.class);
    }

    @Test
    void a_payload_of_the_wrong_shape_is_undecodable() {
        var envelope = new Envelope(MessageIds.next(), "t", 1, Instant.now(), "p", "a", 1, null,
                codec.toTree(java.util.Map.of("meterWh", "not a number")));

        assertThatThrownBy(() -> codec.payload(envelope, Reading.class))
                .isInstanceOf(UndecodableMessageException.class).hasMessageContaining("does not decode as Reading");
    }
}
