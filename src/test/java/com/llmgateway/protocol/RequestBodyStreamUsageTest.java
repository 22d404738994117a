package com.llmgateway.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code stream_options.include_usage}: detection, and the byte-level edit that asks for it. */
class RequestBodyStreamUsageTest {

    /** The expected bytes are written out by hand, not computed. */
    record Edit(String name, String input, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Edit> edits() {
        return Stream.of(
                new Edit(
                        "no stream_options: a member before the closing brace",
                        "{\"model\":\"a\",\"stream\":true}",
                        "{\"model\":\"b\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "whitespace before the closing brace is kept",
                        "{ \"model\" : \"a\" , \"stream\" : true \r\n}\n",
                        "{ \"model\" : \"b\" , \"stream\" : true \r\n,\"stream_options\":{\"include_usage\":true}}\n"),
                new Edit(
                        "model last, nested objects before",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"}\"}],\"stream\":true,\"model\":\"a\"}",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"}\"}],\"stream\":true,\"model\":\"b\","
                                + "\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "empty stream_options object",
                        "{\"model\":\"a\",\"stream_options\":{},\"stream\":true}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true},\"stream\":true}"),
                new Edit(
                        "empty stream_options object with whitespace",
                        "{\"model\":\"a\",\"stream_options\":{ \n },\"stream\":true}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true \n },\"stream\":true}"),
                new Edit(
                        "stream_options with another member: inserted first",
                        "{\"stream_options\":{\"continuous_usage_stats\":true},\"model\":\"a\"}",
                        "{\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true},\"model\":\"b\"}"),
                new Edit(
                        "include_usage false is replaced",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":false}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "include_usage null with spaces is replaced",
                        "{\"model\":\"a\",\"stream_options\":{ \"x\":1, \"include_usage\" : null }}",
                        "{\"model\":\"b\",\"stream_options\":{ \"x\":1, \"include_usage\" : true }}"),
                new Edit(
                        "include_usage as a string is replaced whole",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":\"tr\\u0075e\"}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "include_usage as a number is replaced whole",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":1.5e3,\"y\":2}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true,\"y\":2}}"),
                new Edit(
                        "include_usage as an object is replaced whole",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":{\"a\":[1,{}]}}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "repeated include_usage: the last one is replaced",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":true,\"include_usage\":false}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true,\"include_usage\":true}}"),
                new Edit(
                        "stream_options null becomes an object",
                        "{\"model\":\"a\",\"stream_options\":null,\"stream\":true}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true},\"stream\":true}"),
                new Edit(
                        "stream_options as a string becomes an object",
                        "{\"model\":\"a\",\"stream_options\":\"x\\\"y\"}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "stream_options as an array becomes an object",
                        "{\"stream_options\":[1,[2]],\"model\":\"a\"}",
                        "{\"stream_options\":{\"include_usage\":true},\"model\":\"b\"}"),
                new Edit(
                        "repeated stream_options: the last one is edited",
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":true},\"stream_options\":{}}",
                        "{\"model\":\"b\",\"stream_options\":{\"include_usage\":true},"
                                + "\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "a nested stream_options is not the top-level one",
                        "{\"model\":\"a\",\"metadata\":{\"stream_options\":{}}}",
                        "{\"model\":\"b\",\"metadata\":{\"stream_options\":{}},"
                                + "\"stream_options\":{\"include_usage\":true}}"),
                new Edit(
                        "non-ASCII text shifts no offsets",
                        "{\"messages\":\"日本語 🎉\",\"stream_options\":{\"é\":1},\"model\":\"a\"}",
                        "{\"messages\":\"日本語 🎉\",\"stream_options\":{\"include_usage\":true,\"é\":1},\"model\":\"b\"}"),
                new Edit(
                        "already asked: only the model changes",
                        "{\"model\":\"a\",\"stream_options\":{ \"include_usage\" : true }}",
                        "{\"model\":\"b\",\"stream_options\":{ \"include_usage\" : true }}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void asksForUsageWithTheSmallestEdit(Edit c) {
        RequestBody body = RequestBody.parse(c.input().getBytes(UTF_8));

        byte[] edited = body.withModelAndStreamUsage("b");

        assertThat(new String(edited, UTF_8)).isEqualTo(c.expected());
        assertThat(body.bytes()).isEqualTo(c.input().getBytes(UTF_8));
        RequestBody reparsed = RequestBody.parse(edited);
        assertThat(reparsed.model()).isEqualTo("b");
        assertThat(reparsed.requestsStreamUsage()).isTrue();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("{\"model\":\"a\"}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{\"include_usage\":true}}", true),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{\"include_usage\":false}}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{\"include_usage\":\"true\"}}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{\"include_usage\":1}}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{}}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":null}", false),
                Arguments.of("{\"model\":\"a\",\"stream_options\":{\"x\":{\"include_usage\":true}}}", false),
                Arguments.of("{\"model\":\"a\",\"metadata\":{\"stream_options\":{\"include_usage\":true}}}", false),
                Arguments.of(
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":false,\"include_usage\":true}}", true),
                Arguments.of(
                        "{\"model\":\"a\",\"stream_options\":{\"include_usage\":true},\"stream_options\":{}}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("requests")
    void detectsWhetherTheClientAskedForUsage(String json, boolean expected) {
        assertThat(RequestBody.parse(json.getBytes(UTF_8)).requestsStreamUsage())
                .isEqualTo(expected);
    }

    @Test
    void withModelIsUnchangedByTheStreamOptionsScan() {
        String json = "{\"stream_options\":{\"include_usage\":false},\"model\":\"a\",\"stream\":true}";

        assertThat(new String(RequestBody.parse(json.getBytes(UTF_8)).withModel("b"), UTF_8))
                .isEqualTo("{\"stream_options\":{\"include_usage\":false},\"model\":\"b\",\"stream\":true}");
    }
}
