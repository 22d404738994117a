package com.llmgateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.llmgateway.testing.HostileBodies.NamedBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostileBodiesTest {
    private static final byte[] CHAT = """
            {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},\
            {"role":"user","content":"Héllo 👋, say \\"hi\\" in 日本語"}],"temperature":0.2,"stream":true}""".getBytes(UTF_8);
    private static final byte[] MESSAGES = """
            {
              "model": "claude-3-5-sonnet",
              "max_tokens": 64,
              "messages": [ { "role": "user", "content": [ { "type": "text", "text": "Grüß dich" } ] } ]
            }
            """.getBytes(UTF_8);
    private static final byte[] MINIMAL = "{\"model\":\"m\"}".getBytes(UTF_8);

    /** Bodies of the catalogue that are, by design, valid UTF-8 strict JSON objects with a string model. */
    private static final Set<String> VALID_BY_DESIGN = Set.of(
            "UTF-8 byte order mark then the seed",
            "model as an empty string",
            "model as a lone surrogate escape",
            "model key escaped as \\u006dodel",
            "2 MiB string member",
            "2 MiB model");

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Strict UTF-8, strict JSON (no duplicate keys, no trailing data), an object root with a string model. */
    static boolean isValidRequest(byte[] body) {
        JsonNode root = strictTree(body);
        return root != null && root.isObject() && root.path("model").isTextual();
    }

    private static JsonNode strictTree(byte[] body) {
        try {
            UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return STRICT.readTree(body);
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.of(CHAT, MESSAGES, MINIMAL);
    }

    @Test
    void theSeedsThemselvesAreValid() {
        assertThat(seeds()).allMatch(HostileBodiesTest::isValidRequest);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void atLeastNinetyPercentOfGeneratedBodiesAreInvalid(byte[] seed) {
        for (long randomSeed : new long[] {1, 2, 3}) {
            List<byte[]> bodies = HostileBodies.generate(seed, 500, randomSeed);
            long invalid = bodies.stream().filter(body -> !isValidRequest(body)).count();

            assertThat(bodies).hasSize(500);
            assertThat(invalid)
                    .as("invalid bodies of 500, random seed %d", randomSeed)
                    .isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void generationIsDeterministicForARandomSeed() {
        List<byte[]> first = HostileBodies.generate(CHAT, 300, 42);
        List<byte[]> again = HostileBodies.generate(CHAT, 300, 42);
        List<byte[]> other = HostileBodies.generate(CHAT, 300, 43);

        assertThat(again).zipSatisfy(first, (a, b) -> assertThat(a).isEqualTo(b));
        assertThat(Arrays.deepEquals(first.toArray(), other.toArray())).isFalse();
    }

    @Test
    void generationHonoursTheCount() {
        assertThat(HostileBodies.generate(CHAT, 0, 1)).isEmpty();
        assertThat(HostileBodies.generate(CHAT, 7, 1)).hasSize(7);
        assertThatThrownBy(() -> HostileBodies.generate(CHAT, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generationDrawsEveryKindOfDamage() {
        List<byte[]> bodies = HostileBodies.generate(CHAT, 1000, 7);

        assertThat(bodies).as("truncations").anyMatch(b -> b.length < CHAT.length && isPrefixOfSeed(b));
        assertThat(bodies)
                .as("same-length changes (flips)")
                .anyMatch(b -> b.length == CHAT.length && !Arrays.equals(b, CHAT));
        assertThat(bodies).as("longer bodies (insertions)").anyMatch(b -> b.length > CHAT.length && b.length < 1000);
        assertThat(bodies).as("huge bodies").anyMatch(b -> b.length >= HostileBodies.HUGE_STRING_BYTES);
        assertThat(bodies).as("deep bodies").anyMatch(b -> count(b, '[') + count(b, '{') >= HostileBodies.DEEP_NESTING);
        assertThat(bodies).as("all distinct from the seed").noneMatch(b -> Arrays.equals(b, CHAT));
    }

    private static long count(byte[] body, char c) {
        long n = 0;
        for (byte b : body) {
            if (b == c) {
                n++;
            }
        }
        return n;
    }

    private static boolean isPrefixOfSeed(byte[] body) {
        return Arrays.equals(body, Arrays.copyOf(CHAT, body.length));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theCatalogueIsValidExactlyWhereItMeansToBe(byte[] seed) {
        for (NamedBody entry : HostileBodies.catalogue(seed)) {
            assertThat(isValidRequest(entry.body()))
                    .as(entry.toString())
                    .isEqualTo(VALID_BY_DESIGN.contains(entry.name()));
        }
    }

    @Test
    void theCatalogueCoversEveryKindOfTrouble() {
        Map<String, byte[]> catalogue =
                HostileBodies.catalogue(CHAT).stream().collect(Collectors.toMap(NamedBody::name, NamedBody::body));

        assertThat(HostileBodies.catalogue(CHAT)).extracting(NamedBody::name).doesNotHaveDuplicates();
        assertThat(catalogue.keySet())
                .contains(
                        "empty body",
                        "whitespace only",
                        "UTF-8 byte order mark then the seed",
                        "NUL byte inside the model",
                        "truncated at half",
                        "missing model",
                        "model as a number",
                        "model as null",
                        "model as an object",
                        "model as an array",
                        "model as true",
                        "model as an empty string",
                        "model key duplicated with another model",
                        "array root holding the seed",
                        "string root",
                        "invalid UTF-8 in the model: overlong '/' (C0 AF)",
                        "invalid UTF-8 in the model: lone continuation byte (80)",
                        "invalid UTF-8 in the model: UTF-8-encoded high surrogate U+D800",
                        "invalid UTF-8 in the model: truncated 3-byte sequence (E2 82)",
                        "10000 unclosed [",
                        "2 MiB string member");
        assertThat(catalogue.get("empty body")).isEmpty();
        assertThat(catalogue.get("10000 unclosed [")).hasSize(10_000).containsOnly((byte) '[');
        assertThat(catalogue.get("2 MiB string member").length).isGreaterThan(HostileBodies.HUGE_STRING_BYTES);
        assertThat(catalogue.get("UTF-8 byte order mark then the seed"))
                .startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    @Test
    void wrongTypesOfModelAreWellFormedJsonWithThatType() {
        Map<String, Function<JsonNode, Boolean>> expected = Map.of(
                "model as a number", JsonNode::isIntegralNumber,
                "model as a decimal", JsonNode::isFloatingPointNumber,
                "model as null", JsonNode::isNull,
                "model as true", JsonNode::isBoolean,
                "model as false", JsonNode::isBoolean,
                "model as an object", JsonNode::isObject,
                "model as an empty object", JsonNode::isObject,
                "model as an array", JsonNode::isArray,
                "model as an empty array", JsonNode::isArray);
        for (NamedBody entry : HostileBodies.catalogue(CHAT)) {
            if (expected.containsKey(entry.name())) {
                JsonNode root = strictTree(entry.body());
                assertThat(root).as(entry.name()).isNotNull();
                assertThat(expected.get(entry.name()).apply(root.get("model")))
                        .as(entry.name())
                        .isTrue();
                assertThat(root.get("messages"))
                        .as("the seed's other members are kept")
                        .isNotNull();
            }
        }
    }

    @Test
    void aSeedThatIsNotAnObjectWithAStringModelIsRefused() {
        for (String seed : List.of("", "[]", "{\"model\":1}", "{\"x\":\"y\"}", "{\"model\":\"m\"")) {
            assertThatThrownBy(() -> HostileBodies.catalogue(seed.getBytes(UTF_8)))
                    .as(seed)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> HostileBodies.generate(seed.getBytes(UTF_8), 1, 1))
                    .as(seed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSeedArrayIsNeverModified() {
        byte[] seed = CHAT.clone();
        HostileBodies.generate(seed, 200, 5);
        HostileBodies.catalogue(seed);

        assertThat(seed).isEqualTo(CHAT);
    }
}
