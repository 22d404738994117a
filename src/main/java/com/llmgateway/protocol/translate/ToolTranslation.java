package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Tool definitions and tool choice. OpenAI function tools and Anthropic custom tools carry the same things (name,
 * description, JSON schema, strict); OpenAI custom (free-text) tools and Anthropic server tools (web search, code
 * execution, computer use...) exist on one side only and are rejected, since dropping a tool changes what the model
 * can do.
 */
final class ToolTranslation {
    private static final String[] ANTHROPIC_ONLY_TOOL_FIELDS = {
        "cache_control", "input_examples", "defer_loading", "allowed_callers", "eager_input_streaming"
    };

    private ToolTranslation() {}

    // ---- OpenAI -> Anthropic

    static ArrayNode toAnthropicTools(ArrayNode tools) {
        ArrayNode out = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            ObjectNode tool = Json.requireObject(tools.get(i), path);
            String type = Json.text(tool, "type", path + ".type").orElse("function");
            if (!type.equals("function")) {
                throw Json.unsupported(path + ".type", "Anthropic has no '" + type + "' tools, only function tools");
            }
            ObjectNode function = Json.requireObject(tool.get("function"), path + ".function");
            ObjectNode converted = out.addObject();
            converted.put(
                    "name",
                    Json.text(function, "name", path + ".function.name")
                            .orElseThrow(() -> Json.invalid(path + ".function.name", "is required")));
            Json.text(function, "description", path + ".function.description")
                    .ifPresent(d -> converted.put("description", d));
            JsonNode parameters = function.get("parameters");
            if (parameters != null && parameters.isObject()) {
                converted.set("input_schema", parameters);
            } else {
                // OpenAI allows a function without parameters; Anthropic requires an object schema.
                converted.set("input_schema", emptyObjectSchema());
            }
            if (function.path("strict").isBoolean()) {
                converted.set("strict", function.get("strict"));
            }
            if (tool.path("cache_control").isObject()) {
                converted.set("cache_control", tool.get("cache_control"));
            }
        }
        return out;
    }

    /**
     * Anthropic's {@code tool_choice}, or empty to leave the provider's default ({@code auto}, parallel calls allowed).
     *
     * @param parallelToolCalls OpenAI's {@code parallel_tool_calls} (missing when not sent)
     */
    static Optional<ObjectNode> toAnthropicToolChoice(JsonNode choice, JsonNode parallelToolCalls, Dropped dropped) {
        ObjectNode out = null;
        if (choice != null && !choice.isNull()) {
            out = anthropicChoice(choice, dropped);
        }
        boolean serial =
                parallelToolCalls != null && parallelToolCalls.isBoolean() && !parallelToolCalls.booleanValue();
        if (serial) {
            if (out == null) {
                out = Json.object().put("type", "auto");
            }
            // tool_choice none has no such flag: with no tool calls there is nothing to serialise.
            if (!out.path("type").asText().equals("none")) {
                out.put("disable_parallel_tool_use", true);
            }
        }
        return Optional.ofNullable(out);
    }

    private static ObjectNode anthropicChoice(JsonNode choice, Dropped dropped) {
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "auto" -> Json.object().put("type", "auto");
                case "none" -> Json.object().put("type", "none");
                case "required" -> Json.object().put("type", "any");
                default -> throw Json.invalid("tool_choice", "is not one of auto, none, required");
            };
        }
        ObjectNode object = Json.requireObject(choice, "tool_choice");
        String type = Json.text(object, "type", "tool_choice.type").orElse("");
        return switch (type) {
            case "function" ->
                Json.object()
                        .put("type", "tool")
                        .put(
                                "name",
                                Json.text(object.path("function"), "name", "tool_choice.function.name")
                                        .orElseThrow(() -> Json.invalid("tool_choice.function.name", "is required")));
            case "allowed_tools" -> {
                // Anthropic cannot restrict the call to a subset of the tools sent; all of them stay allowed.
                dropped.add("tool_choice.allowed_tools");
                String mode = object.path("allowed_tools").path("mode").asText("auto");
                yield Json.object().put("type", mode.equals("required") ? "any" : "auto");
            }
            default -> throw Json.unsupported("tool_choice.type", "Anthropic has no '" + type + "' tool choice");
        };
    }

    // ---- Anthropic -> OpenAI

    static ArrayNode toOpenAiTools(ArrayNode tools, Dropped dropped) {
        ArrayNode out = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            ObjectNode tool = Json.requireObject(tools.get(i), path);
            String type = Json.text(tool, "type", path + ".type").orElse("custom");
            if (!type.equals("custom")) {
                throw Json.unsupported(
                        path + ".type",
                        "'" + type + "' is an Anthropic server tool, which OpenAI providers do not run");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put(
                    "name",
                    Json.text(tool, "name", path + ".name")
                            .orElseThrow(() -> Json.invalid(path + ".name", "is required")));
            Json.text(tool, "description", path + ".description").ifPresent(d -> function.put("description", d));
            function.set(
                    "parameters",
                    tool.path("input_schema").isObject() ? tool.get("input_schema") : emptyObjectSchema());
            if (tool.path("strict").isBoolean()) {
                function.set("strict", tool.get("strict"));
            }
            for (String field : ANTHROPIC_ONLY_TOOL_FIELDS) {
                if (!Json.absent(tool, field)) {
                    dropped.add("tools[]." + field);
                }
            }
        }
        return out;
    }

    /** Sets OpenAI's {@code tool_choice} and {@code parallel_tool_calls} on {@code out} from Anthropic's choice. */
    static void toOpenAiToolChoice(JsonNode choice, ObjectNode out) {
        ObjectNode object = Json.requireObject(choice, "tool_choice");
        String type = Json.text(object, "type", "tool_choice.type").orElse("");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" ->
                out.putObject("tool_choice")
                        .put("type", "function")
                        .putObject("function")
                        .put(
                                "name",
                                Json.text(object, "name", "tool_choice.name")
                                        .orElseThrow(() -> Json.invalid("tool_choice.name", "is required")));
            default -> throw Json.invalid("tool_choice.type", "is not one of auto, any, tool, none");
        }
        if (object.path("disable_parallel_tool_use").asBoolean(false) && !type.equals("none")) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static ObjectNode emptyObjectSchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
