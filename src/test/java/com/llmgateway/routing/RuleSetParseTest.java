package com.llmgateway.routing;

import static com.llmgateway.routing.Json.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule sets the engine could not evaluate are refused with a message naming the place and the problem. */
class RuleSetParseTest {
    private static final String OK = "{'field': 'model', 'value': 'x'}, ";

    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments("[]", "rule set must be an object like {\"rules\":[...],\"logic\":\"AND\"}, got array []"),
                arguments("'AND'", "rule set must be an object like"),
                arguments("{}", "rules: must be a list of rules, got null"),
                arguments("{'rules': null}", "rules: must be a list of rules, got null"),
                arguments("{'rules': {}}", "rules: must be a list of rules, got object {}"),
                arguments("{'rules': [1]}", "rules[0]: must be an object with 'field', 'operator' and 'value'"),
                arguments("{'rules': [" + OK + "'x']}", "rules[1]: must be an object"),
                arguments("{'rules': [{'operator': 'eq'}]}", "rules[0].field: must be a non-empty string"),
                arguments("{'rules': [{'field': 5}]}", "rules[0].field: must be a non-empty string"),
                arguments("{'rules': [{'field': ''}]}", "rules[0].field: must be a non-empty string"),
                arguments("{'rules': [" + OK + "{'field': 'bodyy.x'}]}", "rules[1].field: unknown root in 'bodyy.x'"),
                arguments(
                        "{'rules': [{'field': 'context.x'}]}", "rules[0].field: unknown root in 'context.x'; accepted"),
                arguments("{'rules': [{'field': 'body[0]'}]}", "rules[0].field: unknown root in 'body[0]'"),
                arguments("{'rules': [{'field': 'model.name'}]}", "rules[0].field: 'model' has no sub-fields"),
                arguments("{'rules': [{'field': 'headers'}]}", "rules[0].field: 'headers' needs a header name"),
                arguments("{'rules': [{'field': 'headers.'}]}", "rules[0].field: 'headers' needs a header name"),
                arguments("{'rules': [{'field': 'body.'}]}", "rules[0].field: empty segment in 'body.'"),
                arguments("{'rules': [{'field': 'body.a..b'}]}", "rules[0].field: empty segment in 'body.a..b'"),
                arguments("{'rules': [{'field': 'body.a['}]}", "rules[0].field: malformed segment 'a['"),
                arguments("{'rules': [{'field': 'body.a[x]'}]}", "rules[0].field: malformed segment 'a[x]'"),
                arguments("{'rules': [{'field': 'body.a[-1]'}]}", "rules[0].field: malformed segment 'a[-1]'"),
                arguments("{'rules': [{'field': 'body.a]'}]}", "rules[0].field: malformed segment 'a]'"),
                arguments("{'rules': [{'field': 'body.[0]'}]}", "rules[0].field: malformed segment '[0]'"),
                arguments("{'rules': [{'field': 'body.a[0]b'}]}", "rules[0].field: malformed segment 'a[0]b'"),
                arguments(
                        "{'rules': [{'field': 'token_usage'}]}",
                        "rules[0].field: 'token_usage' needs a field; accepted"),
                arguments(
                        "{'rules': [{'field': 'token_usage.cost'}]}",
                        "rules[0].field: unknown token_usage field 'cost'; accepted: input_tokens, output_tokens,"
                                + " total_tokens"),
                arguments(
                        "{'rules': [" + OK + OK + "{'field': 'model', 'operator': 'eqq'}]}",
                        "rules[2].operator: unknown operator 'eqq'; accepted: eq, ne, gt, gte, lt, lte, contains,"
                                + " not_contains, regex, in, not_in, exists"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 5}]}",
                        "rules[0].operator: must be a string, got number 5"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'regex', 'value': '('}]}",
                        "rules[0].value: invalid regex '(': "),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'regex', 'value': '(?P=x)'}]}",
                        "rules[0].value: invalid regex '(?P=x)': unknown group name 'x'"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'regex', 'value': 5}]}",
                        "rules[0].value: regex needs a string pattern, got number 5"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'regex'}]}",
                        "rules[0].value: regex needs a string pattern, got null"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'in', 'value': 'gpt-4o'}]}",
                        "rules[0].value: in and not_in need a list, got string \"gpt-4o\""),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'NOT_IN', 'value': {}}]}",
                        "rules[0].value: in and not_in need a list, got object {}"),
                arguments(
                        "{'rules': [{'field': 'model', 'operator': 'in'}]}",
                        "rules[0].value: in and not_in need a list, got null"),
                arguments("{'rules': [], 'logic': 'XOR'}", "logic: must be \"AND\" or \"OR\", got string \"XOR\""),
                arguments("{'rules': [], 'logic': 1}", "logic: must be \"AND\" or \"OR\", got number 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejects(String ruleSet, String expectedMessage) {
        assertThatThrownBy(() -> RuleSet.parse(json(ruleSet)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(expectedMessage);
    }
}
