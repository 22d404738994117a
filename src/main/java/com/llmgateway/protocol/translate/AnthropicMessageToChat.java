package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Anthropic message (a provider's answer) as an OpenAI {@code chat.completion}.
 *
 * <p>Text blocks are joined into {@code content}; tool-use blocks become {@code tool_calls} with their input as a JSON
 * string; thinking becomes {@code reasoning_content} (the extension DeepSeek introduced and most OpenAI-compatible
 * clients read) and, with its signature, the {@code thinking_blocks} extension, which {@link ChatToMessages} accepts
 * back on the next turn so that a tool loop with thinking keeps working.
 */
final class AnthropicMessageToChat {
    private AnthropicMessageToChat() {}

    static Translated completion(JsonNode body, TranslationOptions options) {
        ObjectNode message = UpstreamBodies.requireObject(body, "message");
        Dropped dropped = new Dropped();
        ObjectNode out = Json.object();
        out.put("id", Json.textOr(message, "id", "msg_gateway"));
        out.put("object", "chat.completion");
        out.put("created", options.createdSeconds());
        out.put("model", Json.textOr(message, "model", ""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", assistantMessage(message.path("content"), dropped));
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.finishReason(Json.textOr(message, "stop_reason", null)));
        if (message.path("stop_sequence").isTextual()) {
            dropped.add("stop_sequence");
        }
        if (message.path("usage").isObject()) {
            out.set("usage", UsageTranslation.toOpenAi(message.get("usage")));
        }
        return new Translated(out, dropped.list());
    }

    private static ObjectNode assistantMessage(JsonNode content, Dropped dropped) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        ArrayNode thinkingBlocks = Json.array();
        boolean hasText = false;
        for (JsonNode block : content) {
            String type = block.path("type").asText();
            switch (type) {
                case "text" -> {
                    hasText = true;
                    text.append(block.path("text").asText());
                    if (!Json.absent(block, "citations")) {
                        dropped.add("content[].citations");
                    }
                }
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asText());
                    thinkingBlocks
                            .addObject()
                            .put("type", "thinking")
                            .put("thinking", block.path("thinking").asText())
                            .put("signature", block.path("signature").asText());
                }
                case "redacted_thinking" ->
                    thinkingBlocks
                            .addObject()
                            .put("type", "redacted_thinking")
                            .put("data", block.path("data").asText());
                case "tool_use" -> toolCalls.add(toolCall(block));
                default -> dropped.add("content[]." + type);
            }
        }
        ObjectNode out = Json.object().put("role", "assistant");
        if (hasText) {
            out.put("content", text.toString());
        } else {
            out.putNull("content");
        }
        out.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            out.set("tool_calls", toolCalls);
        }
        if (!thinkingBlocks.isEmpty()) {
            out.put("reasoning_content", reasoning.toString());
            out.set("thinking_blocks", thinkingBlocks);
        }
        return out;
    }

    static ObjectNode toolCall(JsonNode block) {
        ObjectNode call = Json.object();
        call.put("id", block.path("id").asText());
        call.put("type", "function");
        call.putObject("function")
                .put("name", block.path("name").asText())
                .put("arguments", ToolArguments.toArguments(block.get("input")));
        return call;
    }
}
