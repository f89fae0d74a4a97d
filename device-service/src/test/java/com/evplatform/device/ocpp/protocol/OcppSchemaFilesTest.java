package com.evplatform.device.ocpp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The vendored OCA schemas are complete, say what they are, and have not been edited by accident. */
class OcppSchemaFilesTest {

    static Stream<String> schemaFiles() {
        return Stream.of(OcppAction.values())
                .flatMap(action -> Stream.of(action.name() + ".json", action.name() + "Response.json"));
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void each_schema_is_the_oca_draft_04_schema_of_its_message(String file) throws IOException {
        JsonNode schema = OcppJson.MAPPER.readTree(read(file));
        String title = file.endsWith("Response.json")
                ? file.substring(0, file.length() - ".json".length())
                : file.substring(0, file.length() - ".json".length()) + "Request";

        assertThat(schema.get("$schema").stringValue()).isEqualTo("http://json-schema.org/draft-04/schema#");
        assertThat(schema.get("id").stringValue()).isEqualTo("urn:OCPP:1.6:2019:12:" + title);
        assertThat(schema.get("title").stringValue()).isEqualTo(title);
        assertThat(schema.get("type").stringValue()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").booleanValue()).isFalse();
    }

    @Test
    void each_schema_matches_its_recorded_checksum() throws IOException, NoSuchAlgorithmException {
        Map<String, String> recorded = new HashMap<>();
        for (String line : new String(read("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split("\\s+");
                recorded.put(parts[1], parts[0]);
            }
        }

        assertThat(recorded.keySet()).containsExactlyInAnyOrderElementsOf(schemaFiles().toList());
        for (String file : recorded.keySet()) {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(file)));
            assertThat(actual).as(file + " (see ocpp/v16/README.md before changing a schema)")
                    .isEqualTo(recorded.get(file));
        }
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = OcppSchemaFilesTest.class.getClassLoader()
                .getResourceAsStream(OcppSchemas.RESOURCE_DIRECTORY + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }
}
