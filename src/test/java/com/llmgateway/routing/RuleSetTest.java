package com.llmgateway.routing;

import static com.llmgateway.routing.Json.context;
import static com.llmgateway.routing.Json.json;
import static com.llmgateway.routing.Json.rule;
import static com.llmgateway.routing.Json.ruleSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetTest {
    private static final String BODY = """
            {'model': 'gpt-4o', 'temperature': 0.5, 'max_tokens': 100, 'stream': false, 'user': 'alice',
             'flag': 'True', 'empty': '',
             'messages': [{'role': 'system', 'content': 'be brief'},
                          {'role': 'user', 'content': [{'type': 'text', 'text': 'hi'}]}],
             'metadata': {'tier': 'gold', 'tags': ['a', 'b'], 'matrix': [[1, 2], [3, 4]], 'nothing': null}}
            """;

    private static final RuleContext CONTEXT = context(
            "gpt-4o",
            Map.of("x-priority", "high", "x-team.name", "core", "x-ratio", "0.5", "x-code", "abab"),
            BODY,
            42);

    static Stream<Arguments> operators() {
        return Stream.of(
                // eq: types matter, numbers compare by value, containers structurally
                arguments("model", "eq", "'gpt-4o'", true),
                arguments("model", "eq", "'gpt-4'", false),
                arguments("body.temperature", "eq", "0.5", true),
                arguments("body.temperature", "eq", "'0.5'", false),
                arguments("body.max_tokens", "eq", "100.0", true),
                arguments("body.stream", "eq", "false", true),
                arguments("body.stream", "eq", "0", false),
                arguments("body.missing", "eq", "null", true),
                arguments("body.metadata.nothing", "eq", "null", true),
                arguments("body.missing", "eq", "'x'", false),
                arguments("body.metadata.tags", "eq", "['a', 'b']", true),
                arguments("body.metadata.matrix", "eq", "[[1, 2.0], [3, 4]]", true),
                // ne
                arguments("model", "ne", "'gpt-4'", true),
                arguments("model", "ne", "'gpt-4o'", false),
                arguments("body.temperature", "ne", "'0.5'", true),
                arguments("body.missing", "ne", "null", false),
                // ordering: numbers with numbers, strings with strings, anything else is no match
                arguments("body.temperature", "gt", "0.4", true),
                arguments("body.temperature", "gt", "0.5", false),
                arguments("body.max_tokens", "gt", "99.5", true),
                arguments("body.user", "gt", "'alex'", true),
                arguments("body.user", "gt", "5", false),
                arguments("body.missing", "gt", "0", false),
                arguments("body.stream", "gt", "-1", false),
                arguments("token_usage.input_tokens", "gt", "41", true),
                arguments("body.max_tokens", "gte", "100", true),
                arguments("body.max_tokens", "gte", "101", false),
                arguments("body.missing", "gte", "null", false),
                arguments("body.temperature", "lt", "1", true),
                arguments("body.temperature", "lt", "0.5", false),
                arguments("body.user", "lt", "'bob'", true),
                arguments("body.user", "lt", "1", false),
                arguments("body.temperature", "lte", "0.5", true),
                arguments("body.temperature", "lte", "0.49", false),
                arguments("body.missing", "lte", "1", false),
                arguments("body.metadata.tags", "lt", "['b']", false),
                // contains: only on strings, with str(value)
                arguments("body.user", "contains", "'lic'", true),
                arguments("body.user", "contains", "'bob'", false),
                arguments("body.max_tokens", "contains", "'1'", false),
                arguments("body.missing", "contains", "'a'", false),
                arguments("headers.x-ratio", "contains", "0.5", true),
                arguments("body.flag", "contains", "true", true),
                arguments("body.metadata.tags", "contains", "'a'", false),
                arguments("body.user", "not_contains", "'bob'", true),
                arguments("body.user", "not_contains", "'lic'", false),
                arguments("body.max_tokens", "not_contains", "'1'", true),
                arguments("body.missing", "not_contains", "'x'", true),
                // regex: Python re.search on strings only
                arguments("body.user", "regex", "'^al'", true),
                arguments("body.user", "regex", "'lic'", true),
                arguments("body.user", "regex", "'^lic'", false),
                arguments("body.max_tokens", "regex", "'1'", false),
                arguments("body.missing", "regex", "'.*'", false),
                arguments("headers.x-code", "regex", "'^(?P<pair>ab)(?P=pair)$'", true),
                arguments("headers.x-code", "regex", "'^(?P<pair>ab)(?P=pair)b'", false),
                // in / not_in
                arguments("model", "in", "['gpt-4o', 'gpt-4']", true),
                arguments("model", "in", "['gpt-4']", false),
                arguments("body.max_tokens", "in", "[100.0]", true),
                arguments("body.missing", "in", "[null]", true),
                arguments("body.missing", "in", "['x']", false),
                arguments("body.metadata.tags", "in", "[['a', 'b']]", true),
                arguments("model", "not_in", "['gpt-4']", true),
                arguments("model", "not_in", "['gpt-4o']", false),
                arguments("body.missing", "not_in", "['x']", true),
                // exists: truthy value asks for presence, falsy (or missing) value for absence
                arguments("body.user", "exists", "true", true),
                arguments("body.missing", "exists", "true", false),
                arguments("body.missing", "exists", "false", true),
                arguments("body.user", "exists", "false", false),
                arguments("body.metadata.nothing", "exists", "true", false),
                arguments("body.empty", "exists", "true", true),
                arguments("body.user", "exists", "'yes'", true),
                arguments("body.user", "exists", "0", false),
                arguments("body.missing", "exists", "[]", true),
                arguments("body.missing", "exists", null, true),
                arguments("body.user", "exists", null, false),
                // operator names are case-insensitive
                arguments("model", "EQ", "'gpt-4o'", true),
                arguments("body.user", "Not_Contains", "'bob'", true));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("operators")
    void operator(String field, String operator, String value, boolean expected) {
        assertThat(rule(field, operator, value).matches(CONTEXT)).isEqualTo(expected);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                arguments("model", "'gpt-4o'"),
                arguments("MODEL", "'gpt-4o'"),
                arguments("headers.x-priority", "'high'"),
                arguments("HEADERS.X-Priority", "'high'"),
                arguments("headers.x-team.name", "'core'"),
                arguments("headers.absent", null),
                arguments("body.model", "'gpt-4o'"),
                arguments("body.messages[0].role", "'system'"),
                arguments("Body.messages[1].content[0].text", "'hi'"),
                arguments("body.metadata.matrix[1][0]", "3"),
                arguments("body.metadata.tags", "['a', 'b']"),
                arguments("body.messages[5].role", null),
                arguments("body.messages.role", null),
                arguments("body.metadata.tier[0]", null),
                arguments("body.metadata[0]", null),
                arguments("body.unknown.deep", null),
                arguments("body.metadata.nothing", null),
                arguments("body.metadata.nothing.below", null),
                arguments("token_usage.input_tokens", "42"),
                arguments("TOKEN_USAGE.input_tokens", "42"),
                arguments("token_usage.output_tokens", "0"),
                arguments("token_usage.total_tokens", "42"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("paths")
    void resolvesPath(String path, String expectedJson) throws RuleSetException {
        JsonNode actual = FieldPath.parse(path, "field").resolve(CONTEXT);

        assertThat(actual).isEqualTo(expectedJson == null ? null : json(expectedJson));
    }

    @Test
    void bodyAloneIsTheWholeBody() throws RuleSetException {
        assertThat(FieldPath.parse("body", "field").resolve(CONTEXT)).isEqualTo(json(BODY));
    }

    @Test
    void bodyPathsOfARequestWithoutBodyResolveToNull() throws RuleSetException {
        RuleContext noBody = context("m", Map.of(), null, 0);

        assertThat(FieldPath.parse("body.messages[0]", "field").resolve(noBody)).isNull();
        assertThat(rule("body", "exists", "false").matches(noBody)).isTrue();
    }

    static Stream<Arguments> logic() {
        String yes = "{'field': 'model', 'value': 'gpt-4o'}";
        String no = "{'field': 'model', 'value': 'other'}";
        return Stream.of(
                arguments("AND", yes + ", " + yes, true),
                arguments("AND", yes + ", " + no, false),
                arguments("OR", yes + ", " + no, true),
                arguments("OR", no + ", " + no, false),
                arguments("or", no + ", " + yes, true),
                arguments("And", yes + ", " + no, false),
                arguments(null, yes + ", " + no, false),
                arguments("AND", "", true),
                arguments("OR", "", true));
    }

    @ParameterizedTest(name = "{0} of [{1}] -> {2}")
    @MethodSource("logic")
    void combinesRules(String logic, String rules, boolean expected) {
        String logicJson = logic == null ? "" : ", 'logic': '" + logic + "'";
        RuleSet set = ruleSet("{'rules': [" + rules + "]" + logicJson + "}");

        assertThat(set.matches(CONTEXT)).isEqualTo(expected);
    }

    @Test
    void missingOperatorMeansEq() {
        assertThat(ruleSet("{'rules': [{'field': 'model', 'value': 'gpt-4o'}]}").matches(CONTEXT))
                .isTrue();
        assertThat(ruleSet("{'rules': [{'field': 'model', 'value': 'gpt-4'}]}").matches(CONTEXT))
                .isFalse();
    }

    @Test
    void nullAndEmptyRuleSetsMatchEverything() throws RuleSetException {
        assertThat(RuleSet.parse(null)).isSameAs(RuleSet.EMPTY);
        assertThat(RuleSet.parse(NullNode.getInstance())).isSameAs(RuleSet.EMPTY);
        assertThat(RuleSet.EMPTY.isEmpty()).isTrue();
        assertThat(RuleSet.EMPTY.matches(CONTEXT)).isTrue();
        assertThat(ruleSet("{'rules': []}").isEmpty()).isTrue();
        assertThat(rule("model", "eq", "'x'").isEmpty()).isFalse();
    }

    @Test
    void jsonIsNormalized() {
        RuleSet set = ruleSet("""
                {'rules': [{'field': 'HEADERS.X-Priority', 'operator': 'EQ', 'value': 'high', 'note': 'dropped'},
                           {'field': 'Body.messages[0].Role', 'operator': 'exists'},
                           {'field': 'model', 'value': 'gpt-4o'}],
                 'logic': 'or', 'extra': 1}
                """);

        assertThat(set.json()).isEqualTo(json("""
                        {'rules': [{'field': 'headers.x-priority', 'operator': 'eq', 'value': 'high'},
                                   {'field': 'body.messages[0].Role', 'operator': 'exists', 'value': null},
                                   {'field': 'model', 'operator': 'eq', 'value': 'gpt-4o'}],
                         'logic': 'OR'}
                        """));
        assertThat(ruleSet(set.json().toString())).isEqualTo(set).hasSameHashCodeAs(set);
        assertThat(RuleSet.EMPTY.json()).isEqualTo(NullNode.getInstance());
    }

    @Test
    void jsonIsACopy() {
        RuleSet set = rule("model", "eq", "'gpt-4o'");

        ((ObjectNode) set.json()).put("logic", "OR");

        assertThat(set.json().get("logic").textValue()).isEqualTo("AND");
    }

    @Test
    void laterChangesToTheParsedJsonDoNotLeakIn() throws RuleSetException {
        ObjectNode source = (ObjectNode) json("{'rules': [{'field': 'body.tags', 'operator': 'in', 'value': ['a']}]}");
        RuleSet set = RuleSet.parse(source);

        ((com.fasterxml.jackson.databind.node.ArrayNode) source.at("/rules/0/value")).add("b");

        assertThat(set.matches(context("m", Map.of(), "{'tags': 'b'}", 0))).isFalse();
    }

    @Test
    void bodyAndTokensAreComputedOnlyWhenARuleReadsThem() {
        AtomicInteger reads = new AtomicInteger();
        RuleContext lazy = new RuleContext(
                "gpt-4o",
                Map.of(),
                () -> {
                    reads.incrementAndGet();
                    return json("{}");
                },
                () -> {
                    reads.incrementAndGet();
                    return 1;
                });

        assertThat(rule("model", "eq", "'gpt-4o'").matches(lazy)).isTrue();
        assertThat(reads).hasValue(0);
    }

    @Test
    void toStringShowsTheRules() {
        assertThat(ruleSet("{'rules': [{'field': 'Model', 'value': 'gpt-4o'}, {'field': 'body.x', 'operator': 'gt',"
                                + " 'value': 1}], 'logic': 'or'}")
                        .toString())
                .isEqualTo("RuleSet[OR: model eq \"gpt-4o\", body.x gt 1]");
        assertThat(RuleSet.EMPTY.toString()).isEqualTo("RuleSet[empty]");
    }
}
