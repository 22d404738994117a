package com.llmgateway.routing;

import static com.llmgateway.routing.Json.rawJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PythonValuesTest {

    static Stream<Arguments> floats() {
        return Stream.of(
                arguments(0.5, "0.5"),
                arguments(1.0, "1.0"),
                arguments(100.0, "100.0"),
                arguments(123.456, "123.456"),
                arguments(-2.5, "-2.5"),
                arguments(-0.0, "-0.0"),
                arguments(0.1 + 0.2, "0.30000000000000004"),
                arguments(1e15, "1000000000000000.0"),
                arguments(1e16, "1e+16"),
                arguments(0.0001, "0.0001"),
                arguments(0.00001, "1e-05"),
                arguments(1.5e-7, "1.5e-07"),
                arguments(Double.MAX_VALUE, "1.7976931348623157e+308"),
                arguments(Double.NaN, "nan"),
                arguments(Double.NEGATIVE_INFINITY, "-inf"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("floats")
    void floatReprMatchesPython(double value, String expected) {
        assertThat(PythonValues.floatRepr(value)).isEqualTo(expected);
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                arguments("\"abc\"", "abc"),
                arguments("null", "None"),
                arguments("true", "True"),
                arguments("1", "1"),
                arguments("1.0", "1.0"),
                arguments("12345678901234567890", "12345678901234567890"),
                arguments("[1, \"a\"]", "[1, 'a']"),
                arguments("{\"a\": [true, null]}", "{'a': [True, None]}"),
                arguments("[\"it's\"]", "[\"it's\"]"),
                arguments("[\"a\\nb\\\\\"]", "['a\\nb\\\\']"),
                arguments("[]", "[]"));
    }

    @ParameterizedTest(name = "str({0}) -> {1}")
    @MethodSource("strings")
    void strMatchesPython(String json, String expected) {
        assertThat(PythonValues.str(rawJson(json))).isEqualTo(expected);
    }

    static Stream<Arguments> equality() {
        return Stream.of(
                arguments("1", "1.0", true),
                arguments("\"0.5\"", "0.5", false),
                arguments("true", "1", false),
                arguments("false", "false", true),
                arguments("null", "null", true),
                arguments("null", "0", false),
                arguments("[1, 2]", "[1.0, 2]", true),
                arguments("[1, 2]", "[2, 1]", false),
                arguments("{\"a\": 1}", "{\"a\": 1.0}", true),
                arguments("{\"a\": 1}", "{\"a\": 1, \"b\": 2}", false),
                arguments("10000000000000000", "1e16", true),
                arguments("10000000000000001", "1e16", false),
                arguments("\"a\"", "\"a\"", true));
    }

    @ParameterizedTest(name = "{0} == {1} -> {2}")
    @MethodSource("equality")
    void equalityMatchesPython(String a, String b, boolean expected) {
        assertThat(PythonValues.equal(rawJson(a), rawJson(b))).isEqualTo(expected);
        assertThat(PythonValues.equal(rawJson(b), rawJson(a))).isEqualTo(expected);
    }

    static Stream<Arguments> ordering() {
        return Stream.of(
                arguments("2", "1.5", OptionalInt.of(1)),
                arguments("1", "1.0", OptionalInt.of(0)),
                arguments("\"b\"", "\"a\"", OptionalInt.of(1)),
                arguments("\"a\"", "\"ab\"", OptionalInt.of(-1)),
                // Python orders by code point: U+1F600 sorts after U+FFFF, unlike UTF-16 order
                arguments("\"\\uD83D\\uDE00\"", "\"\\uFFFF\"", OptionalInt.of(1)),
                arguments("\"a\"", "1", OptionalInt.empty()),
                arguments("null", "1", OptionalInt.empty()),
                arguments("true", "0", OptionalInt.empty()),
                arguments("[1]", "[2]", OptionalInt.empty()));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("ordering")
    void orderingMatchesPython(String a, String b, OptionalInt expected) {
        OptionalInt actual = PythonValues.compare(rawJson(a), rawJson(b));

        assertThat(actual.isPresent()).isEqualTo(expected.isPresent());
        expected.ifPresent(sign -> assertThat(Integer.signum(actual.getAsInt())).isEqualTo(sign));
    }

    static Stream<Arguments> truthiness() {
        return Stream.of(
                arguments("null", false),
                arguments("false", false),
                arguments("true", true),
                arguments("0", false),
                arguments("0.0", false),
                arguments("-1", true),
                arguments("\"\"", false),
                arguments("\"no\"", true),
                arguments("[]", false),
                arguments("[0]", true),
                arguments("{}", false),
                arguments("{\"a\": 1}", true));
    }

    @ParameterizedTest(name = "bool({0}) -> {1}")
    @MethodSource("truthiness")
    void truthinessMatchesPython(String json, boolean expected) {
        assertThat(PythonValues.truthy(rawJson(json))).isEqualTo(expected);
    }
}
