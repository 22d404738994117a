package com.llmgateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** Test helpers: JSON from text, rule sets and request contexts. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses JSON, accepting single quotes so tables stay readable. */
    static JsonNode json(String text) {
        return rawJson(text.replace('\'', '"'));
    }

    /** Parses JSON exactly as written. */
    static JsonNode rawJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuleSet ruleSet(String text) {
        try {
            return RuleSet.parse(json(text));
        } catch (RuleSetException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A one-rule set; {@code valueJson} null leaves the value out. */
    static RuleSet rule(String field, String operator, String valueJson) {
        String value = valueJson == null ? "" : ", 'value': " + valueJson;
        return ruleSet("{'rules': [{'field': '" + field + "', 'operator': '" + operator + "'" + value + "}]}");
    }

    static RuleContext context(String model, Map<String, String> headers, String bodyJson, int inputTokens) {
        JsonNode body = bodyJson == null ? null : json(bodyJson);
        return new RuleContext(model, headers, () -> body, () -> inputTokens);
    }
}
