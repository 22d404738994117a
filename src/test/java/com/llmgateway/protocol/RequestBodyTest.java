package com.llmgateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestBodyTest {

    /** A body whose model is rewritten: the expected output is written out by hand, not computed. */
    record Rewrite(String name, String input, String model, String newModel, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rewrite> rewrites() {
        return Stream.of(
                new Rewrite(
                        "odd whitespace around colons and commas",
                        "{ \"model\"\t:\n  \"gpt-4\" ,\r\n\"messages\" :\t[ ] }",
                        "gpt-4",
                        "claude-3",
                        "{ \"model\"\t:\n  \"claude-3\" ,\r\n\"messages\" :\t[ ] }"),
                new Rewrite("model first", "{\"model\":\"a\",\"x\":1}", "a", "bb", "{\"model\":\"bb\",\"x\":1}"),
                new Rewrite("model last", "{\"x\":1,\"model\":\"a\"}", "a", "bb", "{\"x\":1,\"model\":\"bb\"}"),
                new Rewrite(
                        "model in the middle",
                        "{\"x\":1,\"model\":\"long-model-name\",\"y\":[1,2]}",
                        "long-model-name",
                        "m",
                        "{\"x\":1,\"model\":\"m\",\"y\":[1,2]}"),
                new Rewrite(
                        "unicode escapes elsewhere are kept",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\ud83c\\udf89\"}],\"model\":\"gpt-4\"}",
                        "gpt-4",
                        "gpt-4o",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\ud83c\\udf89\"}],\"model\":\"gpt-4o\"}"),
                new Rewrite(
                        "escaped model value is decoded and replaced whole",
                        "{\"model\":\"gpt\\u002d4\",\"x\":\"\\u00e9\"}",
                        "gpt-4",
                        "gpt-4o",
                        "{\"model\":\"gpt-4o\",\"x\":\"\\u00e9\"}"),
                new Rewrite(
                        "big numbers pass untouched",
                        "{\"model\":\"m\",\"temperature\":1e400,\"seed\":123456789012345678901234567890,"
                                + "\"p\":-0.00000000000000000000000000001,\"n\":1E-400}",
                        "m",
                        "n",
                        "{\"model\":\"n\",\"temperature\":1e400,\"seed\":123456789012345678901234567890,"
                                + "\"p\":-0.00000000000000000000000000001,\"n\":1E-400}"),
                new Rewrite(
                        "nested model keys in messages are not the model",
                        "{\"messages\":[{\"model\":\"inner\",\"content\":{\"model\":\"deep\"}}],\"model\":\"outer\"}",
                        "outer",
                        "x",
                        "{\"messages\":[{\"model\":\"inner\",\"content\":{\"model\":\"deep\"}}],\"model\":\"x\"}"),
                new Rewrite(
                        "a string containing a model key is just a string",
                        "{\"prompt\":\"{\\\"model\\\":\\\"x\\\"}\",\"model\":\"real\"}",
                        "real",
                        "other",
                        "{\"prompt\":\"{\\\"model\\\":\\\"x\\\"}\",\"model\":\"other\"}"),
                new Rewrite(
                        "non-ASCII target is written as UTF-8",
                        "{\"model\":\"a\"}",
                        "a",
                        "modèle-日本-🎉",
                        "{\"model\":\"modèle-日本-🎉\"}"),
                new Rewrite(
                        "target needing escapes",
                        "{\"model\":\"a\"}",
                        "a",
                        "q\"b\\s\n\t\u0001",
                        "{\"model\":\"q\\\"b\\\\s\\n\\t\\u0001\"}"),
                new Rewrite(
                        "empty containers around the model",
                        "{\"metadata\":{},\"model\":\"a\",\"tools\":[],\"stop\":null}",
                        "a",
                        "b",
                        "{\"metadata\":{},\"model\":\"b\",\"tools\":[],\"stop\":null}"),
                new Rewrite(
                        "whitespace around the root is kept",
                        " \n\t{\"model\":\"a\"}\r\n ",
                        "a",
                        "b",
                        " \n\t{\"model\":\"b\"}\r\n "),
                new Rewrite(
                        "escaped model key is still the model",
                        "{\"mod\\u0065l\":\"a\",\"x\":true}",
                        "a",
                        "b",
                        "{\"mod\\u0065l\":\"b\",\"x\":true}"),
                new Rewrite(
                        "non-ASCII before the model shifts no offsets",
                        "{\"system\":\"日本語 🎉 é\",\"model\":\"a\"}",
                        "a",
                        "b",
                        "{\"system\":\"日本語 🎉 é\",\"model\":\"b\"}"),
                new Rewrite("byte order mark is kept", "\uFEFF{\"model\":\"a\"}", "a", "b", "\uFEFF{\"model\":\"b\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void rewritesOnlyTheModelValue(Rewrite c) {
        RequestBody body = RequestBody.parse(c.input().getBytes(UTF_8));

        byte[] rewritten = body.withModel(c.newModel());

        assertThat(body.model()).isEqualTo(c.model());
        assertThat(new String(rewritten, UTF_8)).isEqualTo(c.expected());
        assertThat(body.bytes()).isEqualTo(c.input().getBytes(UTF_8));
        assertThat(RequestBody.parse(rewritten).model()).isEqualTo(c.newModel());
    }

    @Test
    void spanCoversTheQuotedValueExactly() {
        byte[] bytes = "{\"a\":\"é\", \"model\" : \"gpt\\u002d4\" }".getBytes(UTF_8);

        RequestBody body = RequestBody.parse(bytes);

        assertThat(new String(bytes, body.modelStart(), body.modelEnd() - body.modelStart(), UTF_8))
                .isEqualTo("\"gpt\\u002d4\"");
    }

    @Test
    void withModelReturnsANewArrayEachTime() {
        RequestBody body = RequestBody.parse("{\"model\":\"a\"}".getBytes(UTF_8));

        byte[] first = body.withModel("a");

        assertThat(first).isEqualTo(body.bytes()).isNotSameAs(body.bytes()).isNotSameAs(body.withModel("a"));
    }

    record Rejection(String name, byte[] body, String code) {
        Rejection(String name, String body, String code) {
            this(name, body.getBytes(UTF_8), code);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rejection> rejections() {
        return Stream.of(
                new Rejection("empty body", "", "invalid_json"),
                new Rejection("only whitespace", " \n ", "invalid_json"),
                new Rejection("truncated object", "{\"model\":\"gpt-4\"", "invalid_json"),
                new Rejection("truncated string", "{\"model\":\"gp", "invalid_json"),
                new Rejection("truncated after colon", "{\"model\":", "invalid_json"),
                new Rejection("truncated nested array", "{\"model\":\"a\",\"messages\":[{\"x\":1}", "invalid_json"),
                new Rejection("trailing garbage", "{\"model\":\"a\"} x", "invalid_json"),
                new Rejection("trailing close brace", "{\"model\":\"a\"}}", "invalid_json"),
                new Rejection("second root value", "{\"model\":\"a\"} {}", "invalid_json"),
                new Rejection("trailing comma after root", "{\"model\":\"a\"},", "invalid_json"),
                new Rejection("root array", "[{\"model\":\"a\"}]", "invalid_json"),
                new Rejection("root string", "\"model\"", "invalid_json"),
                new Rejection("root number", "42", "invalid_json"),
                new Rejection("root null", "null", "invalid_json"),
                new Rejection("root true", "true", "invalid_json"),
                new Rejection("trailing comma in object", "{\"model\":\"a\",}", "invalid_json"),
                new Rejection("missing colon", "{\"model\" \"a\"}", "invalid_json"),
                new Rejection("single quotes", "{'model':'a'}", "invalid_json"),
                new Rejection("comment", "{\"model\":\"a\" /* hi */}", "invalid_json"),
                new Rejection("NaN", "{\"model\":\"a\",\"t\":NaN}", "invalid_json"),
                new Rejection("leading zero", "{\"model\":\"a\",\"t\":01}", "invalid_json"),
                new Rejection("bare minus", "{\"model\":\"a\",\"t\":-}", "invalid_json"),
                new Rejection(
                        "raw control character in a skipped string", "{\"model\":\"a\",\"c\":\"\t\"}", "invalid_json"),
                new Rejection("bad escape in a skipped string", "{\"model\":\"a\",\"c\":\"\\q\"}", "invalid_json"),
                new Rejection("short unicode escape", "{\"model\":\"a\",\"c\":\"\\u12\"}", "invalid_json"),
                new Rejection("unquoted key", "{model:\"a\"}", "invalid_json"),
                new Rejection("NUL byte before the root", "\0{\"model\":\"a\"}", "invalid_json"),
                // ASCII-only UTF-16 and UTF-32 are valid UTF-8 byte-wise; Jackson would sniff and parse them.
                new Rejection("UTF-16LE body", "{\"model\":\"a\"}".getBytes(UTF_16LE), "invalid_json"),
                new Rejection("UTF-16BE body", "{\"model\":\"a\"}".getBytes(UTF_16BE), "invalid_json"),
                new Rejection(
                        "UTF-32LE body", "{\"model\":\"a\"}".getBytes(Charset.forName("UTF-32LE")), "invalid_json"),
                new Rejection(
                        "UTF-32BE body", "{\"model\":\"a\"}".getBytes(Charset.forName("UTF-32BE")), "invalid_json"),
                new Rejection("NUL after the root", "{\"model\":\"a\"}\0", "invalid_json"),
                new Rejection("NUL inside a string", "{\"model\":\"a\",\"c\":\"x\0y\"}", "invalid_json"),
                // Jackson's default number limit, kept so that tree() accepts whatever parse() accepts.
                new Rejection(
                        "number longer than 1000 digits",
                        "{\"model\":\"a\",\"n\":" + "9".repeat(1001) + "}",
                        "invalid_json"),
                new Rejection("nesting depth 10 000", nested("{\"model\":\"a\",\"x\":", 10_000, "}"), "invalid_json"),
                new Rejection("nesting depth 201", nested("{\"model\":\"a\",\"x\":", 200, "}"), "invalid_json"),
                new Rejection("model number", "{\"model\":4}", "invalid_model"),
                new Rejection("model null", "{\"model\":null}", "invalid_model"),
                new Rejection("model object", "{\"model\":{\"name\":\"a\"}}", "invalid_model"),
                new Rejection("model array", "{\"model\":[\"a\"]}", "invalid_model"),
                new Rejection("model boolean", "{\"model\":true}", "invalid_model"),
                new Rejection("model empty", "{\"model\":\"\"}", "invalid_model"),
                new Rejection("duplicate model", "{\"model\":\"a\",\"x\":1,\"model\":\"b\"}", "invalid_model"),
                new Rejection("duplicate model, same value", "{\"model\":\"a\",\"model\":\"a\"}", "invalid_model"),
                new Rejection(
                        "duplicate model via escaped key", "{\"model\":\"a\",\"mod\\u0065l\":\"b\"}", "invalid_model"),
                new Rejection("missing model", "{\"messages\":[]}", "missing_model"),
                new Rejection("empty object", "{}", "missing_model"),
                new Rejection(
                        "model only nested", "{\"x\":{\"model\":\"a\"},\"m\":[{\"model\":\"b\"}]}", "missing_model"),
                new Rejection("model only inside a string", "{\"p\":\"\\\"model\\\":\\\"a\\\"\"}", "missing_model"),
                // A broken document wins over a bad model: it is the more basic mistake.
                new Rejection("bad model and truncated", "{\"model\":1,", "invalid_json"));
    }

    static Stream<Rejection> invalidUtf8() {
        return Stream.of(
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
                        new byte[] {(byte) 0xC1, (byte) 0xBF}, // overlong U+007F
                        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong three-byte
                        new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong four-byte
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // high surrogate U+D800
                        new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, // low surrogate U+DFFF
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
                        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // lead past U+10FFFF
                        new byte[] {(byte) 0xC3}, // truncated two-byte
                        new byte[] {(byte) 0xE6, (byte) 0x97}, // truncated three-byte
                        new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x8E}, // truncated four-byte
                        new byte[] {(byte) 0x80}, // stray continuation
                        new byte[] {(byte) 0xFF}, // never valid
                        new byte[] {(byte) 0xC3, (byte) 0x28}) // lead followed by ASCII
                .flatMap(bad -> Stream.of(
                        new Rejection(
                                "in a message: " + hex(bad),
                                inString("{\"model\":\"a\",\"c\":\"x", bad, "y\"}"),
                                "invalid_json"),
                        new Rejection(
                                "in the model: " + hex(bad), inString("{\"model\":\"a", bad, "\"}"), "invalid_json"),
                        new Rejection(
                                "in a key: " + hex(bad),
                                inString("{\"model\":\"a\",\"", bad, "\":1}"),
                                "invalid_json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rejections", "invalidUtf8"})
    void rejects(Rejection c) {
        GatewayException thrown = catchThrowableOfType(GatewayException.class, () -> RequestBody.parse(c.body()));

        assertThat(thrown).as("expected a GatewayException").isNotNull();
        GatewayError error = thrown.error();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.code()).isEqualTo(c.code());
        assertThat(error.message()).isNotBlank().hasSizeLessThan(400);
        if (!c.code().equals("invalid_json")) {
            assertThat(error.param()).isEqualTo("model");
        }
    }

    @Test
    void missingModelHasTheDocumentedMessage() {
        GatewayException thrown =
                catchThrowableOfType(GatewayException.class, () -> RequestBody.parse("{}".getBytes(UTF_8)));

        assertThat(thrown.error())
                .isEqualTo(GatewayError.invalidRequest(
                        "missing_model", "Request body must include a 'model' string", "model"));
    }

    @Test
    void notJsonMessageGivesAShortReasonWithoutEchoingTheBody() {
        String huge = "x".repeat(100_000);

        GatewayException thrown = catchThrowableOfType(
                GatewayException.class, () -> RequestBody.parse(("{\"model\":" + huge + "}").getBytes(UTF_8)));

        assertThat(thrown.error().message())
                .startsWith("Request body is not valid JSON: ")
                .hasSizeLessThan(300)
                .doesNotContain("Source", "\n");
    }

    @Test
    void truncatedMessageNamesTheProblem() {
        GatewayException thrown = catchThrowableOfType(
                GatewayException.class, () -> RequestBody.parse("{\"model\":\"a\"".getBytes(UTF_8)));

        assertThat(thrown.error().message())
                .startsWith("Request body is not valid JSON: Unexpected end-of-input")
                .doesNotContain("Source", "REDACTED");
    }

    @Test
    void invalidUtf8MessageGivesTheOffset() {
        byte[] body = inString("{\"model\":\"a", new byte[] {(byte) 0xFF}, "\"}");

        GatewayException thrown = catchThrowableOfType(GatewayException.class, () -> RequestBody.parse(body));

        assertThat(thrown.error().message()).isEqualTo("Request body is not valid JSON: invalid UTF-8 at byte 11");
    }

    @Test
    void acceptsTheMaximumNestingDepth() {
        // The root object is level 1, so 199 arrays inside it reach the limit of 200 exactly.
        byte[] body = nested("{\"model\":\"a\",\"x\":", RequestBody.MAX_NESTING_DEPTH - 1, "}");

        assertThat(RequestBody.parse(body).model()).isEqualTo("a");
    }

    @Test
    void acceptsAFiveMegabyteString() {
        String content = "é".repeat(2_500_000);
        byte[] bytes = ("{\"messages\":[{\"content\":\"" + content + "\"}],\"model\":\"a\"}").getBytes(UTF_8);

        RequestBody body = RequestBody.parse(bytes);

        assertThat(bytes.length).isGreaterThan(5_000_000);
        assertThat(body.withModel("b")).hasSize(bytes.length);
        assertThat(body.tree().at("/messages/0/content").asText()).hasSize(content.length());
    }

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("{\"model\":\"a\",\"stream\":true}", true),
                Arguments.of("{\"stream\" : true ,\"model\":\"a\"}", true),
                Arguments.of("{\"model\":\"a\",\"stream\":false}", false),
                Arguments.of("{\"model\":\"a\",\"stream\":\"true\"}", false),
                Arguments.of("{\"model\":\"a\",\"stream\":1}", false),
                Arguments.of("{\"model\":\"a\",\"stream\":null}", false),
                Arguments.of("{\"model\":\"a\",\"stream\":{\"stream\":true}}", false),
                Arguments.of("{\"model\":\"a\",\"options\":{\"stream\":true}}", false),
                Arguments.of("{\"model\":\"a\",\"messages\":[{\"stream\":true}]}", false),
                Arguments.of("{\"model\":\"a\"}", false),
                Arguments.of("{\"model\":\"a\",\"stream\":false,\"stream\":true}", true),
                Arguments.of("{\"model\":\"a\",\"stream\":true,\"stream\":false}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("streams")
    void detectsTopLevelStreamTrue(String json, boolean expected) {
        assertThat(RequestBody.parse(json.getBytes(UTF_8)).isStream()).isEqualTo(expected);
    }

    @Test
    void treeIsReadLazilyAndCached() {
        RequestBody body = RequestBody.parse(
                "{\"model\":\"a\",\"seed\":123456789012345678901234567890,\"messages\":[{\"role\":\"user\"}]}"
                        .getBytes(UTF_8));

        assertThat(body.tree().get("model").asText()).isEqualTo("a");
        assertThat(body.tree().get("seed").bigIntegerValue()).hasToString("123456789012345678901234567890");
        assertThat(body.tree().at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.tree()).isSameAs(body.tree());
    }

    @Test
    void randomMutationsOnlyEverFailWithA400() {
        byte[] valid = ("{\"model\":\"gpt-4o\",\"stream\":true,\"temperature\":0.7,\"max_tokens\":1e3,"
                        + "\"messages\":[{\"role\":\"system\",\"content\":\"Tu es utile. 日本 🎉\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"caf\\u00e9 \\\"q\\\"\"}]}],"
                        + "\"tools\":[],\"metadata\":{\"n\":null,\"b\":false,\"big\":123456789012345678901234567890}}")
                .getBytes(UTF_8);
        Random random = new Random(20240611L);

        for (int i = 0; i < 1_000; i++) {
            byte[] mutated = mutate(valid, random);
            assertThatCode(() -> parseOr400(mutated))
                    .as("mutation %d: %s", i, new String(mutated, UTF_8))
                    .doesNotThrowAnyException();
        }
    }

    /** Parses, and if that succeeds, checks that the accepted body also rewrites and reads as a tree. */
    private static void parseOr400(byte[] body) {
        RequestBody parsed;
        try {
            parsed = RequestBody.parse(body);
        } catch (GatewayException e) {
            assertThat(e.error().status()).isEqualTo(400);
            return;
        }
        assertThat(RequestBody.parse(parsed.withModel("other")).model()).isEqualTo("other");
        RequestBody withUsage = RequestBody.parse(parsed.withModelAndStreamUsage("other"));
        assertThat(withUsage.model()).isEqualTo("other");
        assertThat(withUsage.requestsStreamUsage()).isTrue();
        assertThat(parsed.tree().get("model").asText()).isEqualTo(parsed.model());
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            b = switch (random.nextInt(5)) {
                case 0 -> Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 1 -> flip(b, random);
                case 2 -> insert(b, random);
                case 3 -> swapType(b, random);
                default -> delete(b, random);
            };
        }
        return b;
    }

    private static byte[] flip(byte[] b, Random random) {
        if (b.length > 0) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] insert(byte[] b, Random random) {
        byte[] extra = new byte[1 + random.nextInt(4)];
        random.nextBytes(extra);
        int at = random.nextInt(b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(extra);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] delete(byte[] b, Random random) {
        if (b.length == 0) {
            return b;
        }
        int at = random.nextInt(b.length);
        int end = Math.min(b.length, at + 1 + random.nextInt(4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    private static final String[] VALUES = {
        "\"gpt-4o\"", "true", "0.7", "1e3", "[]", "{}", "null", "false", "\"user\"", "123456789012345678901234567890"
    };

    /** Replaces one JSON value with a value of another type, keeping the document well-formed. */
    private static byte[] swapType(byte[] b, Random random) {
        String s = new String(b, UTF_8);
        String from = VALUES[random.nextInt(VALUES.length)];
        String to = VALUES[random.nextInt(VALUES.length)];
        return s.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)).getBytes(UTF_8);
    }

    private static byte[] nested(String prefix, int depth, String suffix) {
        return (prefix + "[".repeat(depth) + "]".repeat(depth) + suffix).getBytes(UTF_8);
    }

    private static byte[] inString(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(UTF_8));
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b));
        }
        return out.toString().strip();
    }
}
