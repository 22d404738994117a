package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * OpenAI tool-call {@code arguments} (a JSON string) and Anthropic tool-use {@code input} (a JSON object).
 *
 * <p>Models sometimes produce arguments that are not a JSON object (cut off by the token limit, or plain invalid).
 * Anthropic's {@code input} must be an object, so such a string travels as {@code {"_gateway_raw_arguments": "<the
 * string>"}}, and that exact shape becomes the original string again on the way back: nothing is lost and the client
 * sees what the model produced. Empty arguments (sent by some servers for functions without parameters) become {@code
 * {}}.
 */
final class ToolArguments {
    static final String RAW_KEY = "_gateway_raw_arguments";

    private ToolArguments() {}

    static ObjectNode toInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        Optional<JsonNode> parsed = Json.parse(arguments);
        if (parsed.isPresent() && parsed.get().isObject()) {
            return (ObjectNode) parsed.get();
        }
        ObjectNode raw = Json.object();
        raw.put(RAW_KEY, arguments);
        return raw;
    }

    static String toArguments(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return "{}";
        }
        if (input.isObject() && input.size() == 1 && input.path(RAW_KEY).isTextual()) {
            return input.get(RAW_KEY).textValue();
        }
        return Json.string(input);
    }
}
