package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The rule operators of seed-spec section 4. Each one checks its operand once, when the rule set is parsed, and
 * returns the test applied to the actual value of each request ({@code null} when the path did not resolve).
 */
enum Operator {
    EQ {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return actual -> PythonValues.equal(actual, value);
        }
    },
    NE {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return actual -> !PythonValues.equal(actual, value);
        }
    },
    GT {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return ordered(value, order -> order > 0);
        }
    },
    GTE {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return ordered(value, order -> order >= 0);
        }
    },
    LT {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return ordered(value, order -> order < 0);
        }
    },
    LTE {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            return ordered(value, order -> order <= 0);
        }
    },
    CONTAINS {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            String needle = PythonValues.str(value);
            return actual ->
                    actual != null && actual.isTextual() && actual.textValue().contains(needle);
        }
    },
    NOT_CONTAINS {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            String needle = PythonValues.str(value);
            return actual ->
                    actual == null || !actual.isTextual() || !actual.textValue().contains(needle);
        }
    },
    REGEX {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) throws RuleSetException {
            if (value == null || !value.isTextual()) {
                throw new RuleSetException(where + ".value: regex needs a string pattern, got " + describe(value));
            }
            Pattern pattern = compilePattern(value.textValue(), where);
            return actual -> actual != null && actual.isTextual() && PythonRegex.find(pattern, actual.textValue());
        }
    },
    IN {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) throws RuleSetException {
            requireList(value, where);
            return actual -> contains(value, actual);
        }
    },
    NOT_IN {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) throws RuleSetException {
            requireList(value, where);
            return actual -> !contains(value, actual);
        }
    },
    EXISTS {
        @Override
        Predicate<JsonNode> compile(JsonNode value, String where) {
            // A truthy value asks "is it there?", a falsy one (including a missing value) "is it absent?".
            boolean present = PythonValues.truthy(value);
            return actual -> (actual != null) == present;
        }
    };

    static final String ACCEPTED =
            Arrays.stream(values()).map(Operator::wireName).collect(Collectors.joining(", "));

    /**
     * Checks the rule's value for this operator and returns the test for actual values.
     *
     * @param value the rule's value; JSON null when the rule has none
     * @param where the rule's location for error messages, e.g. {@code rules[2]}
     */
    abstract Predicate<JsonNode> compile(JsonNode value, String where) throws RuleSetException;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the {@code operator} of a rule: names are case-insensitive and a missing one means {@code eq}. */
    static Operator parse(JsonNode node, String where) throws RuleSetException {
        if (PythonValues.isNone(node)) {
            return EQ;
        }
        if (!node.isTextual()) {
            throw new RuleSetException(where + ".operator: must be a string, got " + describe(node));
        }
        String name = node.textValue().toLowerCase(Locale.ROOT);
        for (Operator operator : values()) {
            if (operator.wireName().equals(name)) {
                return operator;
            }
        }
        throw new RuleSetException(
                where + ".operator: unknown operator '" + node.textValue() + "'; accepted: " + ACCEPTED);
    }

    private static Predicate<JsonNode> ordered(JsonNode value, IntPredicate accept) {
        // Values Python cannot order raise TypeError there, which the seed engine counted as no match.
        return actual -> {
            var order = PythonValues.compare(actual, value);
            return order.isPresent() && accept.test(order.getAsInt());
        };
    }

    private static boolean contains(JsonNode list, JsonNode actual) {
        for (JsonNode element : list) {
            if (PythonValues.equal(element, actual)) {
                return true;
            }
        }
        return false;
    }

    private static void requireList(JsonNode value, String where) throws RuleSetException {
        if (value == null || !value.isArray()) {
            throw new RuleSetException(where + ".value: in and not_in need a list, got " + describe(value));
        }
    }

    private static Pattern compilePattern(String regex, String where) throws RuleSetException {
        try {
            return PythonRegex.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new RuleSetException(where + ".value: invalid regex '" + regex + "': " + e.getDescription());
        }
    }

    static String describe(JsonNode node) {
        return PythonValues.isNone(node) ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }
}
