package com.evplatform.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.evplatform.contract.MessageType;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden JSON samples of published messages (ADR 9). A contract module keeps one file per
 * message kind and schema version under {@code contract-samples/}, on its classpath:
 *
 * <ul>
 * <li>the <b>producer's</b> tests write each kind as the service writes it and compare it with the
 *     committed file ({@link #assertProducerWrites}): a change to what goes on the wire fails
 *     there until the sample is deliberately rewritten ({@code -Dcontract.samples.write=true});</li>
 * <li>each <b>consumer's</b> tests decode the committed samples of the kinds they take, as the
 *     messaging library decodes payloads ({@link #read}), and check the fields they rely on.</li>
 * </ul>
 */
public final class ContractSamples {

    public static final String FOLDER = "contract-samples";
    private static final String WRITE = "contract.samples.write";

    /** As the messaging library reads payloads: fields a consumer does not know are ignored. */
    private static final JsonMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JsonMapper WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ContractSamples() {
    }

    public static String fileName(MessageType<?> kind) {
        return kind.name() + ".v" + kind.schemaVersion() + ".json";
    }

    /**
     * The producer's side: every kind of the family has a sample, and each one, written with
     * {@code mapper} (the producing service's), equals the committed golden file in
     * {@code contractModule}'s {@code src/main/resources/contract-samples}.
     */
    public static void assertProducerWrites(Path contractModule, JsonMapper mapper,
            java.util.Collection<? extends MessageType<?>> family, Map<? extends MessageType<?>, ?> samples) {
        Set<String> missing = family.stream().filter(kind -> !samples.containsKey(kind)).map(MessageType::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            fail("no sample for " + missing + ": every published kind needs one");
        }
        Path folder = contractModule.resolve("src/main/resources").resolve(FOLDER);
        for (var entry : samples.entrySet()) {
            MessageType<?> kind = entry.getKey();
            // A kind whose payload is a sealed family (device.command) has one sample per member, as a list.
            var members = entry.getValue() instanceof java.util.List<?> list ? list : java.util.List.of(entry.getValue());
            for (Object member : members) {
                if (!kind.payloadType().isInstance(member)) {
                    fail("a sample of " + kind + " is a " + member.getClass().getName());
                }
            }
            // Each payload on its own, as the outbox writes it (a list would hide each member's type id).
            JsonNode written;
            if (entry.getValue() instanceof java.util.List<?>) {
                var array = mapper.createArrayNode();
                members.forEach(member -> array.add((JsonNode) mapper.valueToTree(member)));
                written = array;
            } else {
                written = mapper.valueToTree(entry.getValue());
            }
            Path file = folder.resolve(fileName(kind));
            if (Boolean.getBoolean(WRITE)) {
                write(file, written);
                continue;
            }
            if (!Files.exists(file)) {
                fail(file + " does not exist: run this test with -D" + WRITE + "=true to create it, and commit it");
            }
            JsonNode golden = READER.readTree(file.toFile());
            // Through text, as a consumer sees it: a long written and an int read back are the same number.
            assertEquals(golden, READER.readTree(written.toString()), () -> kind + " no longer goes on the wire as " + file
                    + " says. Adding a field is fine (rewrite the sample with -D" + WRITE + "=true); renaming, "
                    + "removing or retyping one breaks consumers: make it a new schema version (ADR 9).");
        }
    }

    /** The consumer's side: the committed sample of a kind, decoded as the messaging library decodes it. */
    public static <T> T read(MessageType<T> kind) {
        return READER.treeToValue(tree(kind), kind.payloadType());
    }

    /** The committed samples of a kind whose payload is a sealed family, one per member. */
    public static <T> java.util.List<T> readAll(MessageType<T> kind) {
        JsonNode samples = tree(kind);
        if (!samples.isArray()) {
            throw new IllegalStateException(fileName(kind) + " holds one sample, not a list");
        }
        var decoded = new java.util.ArrayList<T>();
        samples.forEach(sample -> decoded.add(READER.treeToValue(sample, kind.payloadType())));
        return decoded;
    }

    /** The committed sample of a kind as JSON, from the contract module on the classpath. */
    public static JsonNode tree(MessageType<?> kind) {
        String resource = FOLDER + "/" + fileName(kind);
        try (InputStream in = ContractSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden sample " + resource + " on the classpath: does this "
                        + "module depend on the contract module that publishes " + kind.name() + "?");
            }
            return READER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonNode sample) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, WRITER.writeValueAsString(sample) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
