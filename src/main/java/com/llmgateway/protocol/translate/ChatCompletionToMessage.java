package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI {@code chat.completion} (a provider's answer) as an Anthropic message.
 *
 * <p>Blocks come in Anthropic's order: thinking, text, tool use. Thinking is taken from the {@code thinking_blocks}
 * extension when the provider sends it (with signatures), else from {@code reasoning_content} or {@code reasoning}
 * with an empty signature, since an OpenAI-compatible provider signs nothing. A refusal becomes text and the stop
 * reason {@code refusal}.
 */
final class ChatCompletionToMessage {
    private ChatCompletionToMessage() {}

    static Translated message(JsonNode body) {
        ObjectNode completion = UpstreamBodies.requireObject(body, "chat completion");
        JsonNode choices = completion.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw UpstreamBodies.malformed("the provider's chat completion has no choices");
        }
        Dropped dropped = new Dropped();
        if (choices.size() > 1) {
            dropped.add("choices[]");
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        ObjectNode out = Json.object();
        out.put("id", Json.textOr(completion, "id", "msg_gateway"));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", Json.textOr(completion, "model", ""));
        ArrayNode content = out.putArray("content");
        thinking(message, content);
        text(message, content);
        JsonNode toolCalls = message.path("tool_calls").isArray() ? message.get("tool_calls") : Json.array();
        for (int i = 0; i < toolCalls.size(); i++) {
            content.add(toolUse(toolCalls.get(i), i, completion));
        }
        boolean refused = message.path("refusal").isTextual();
        String stopReason = refused
                ? "refusal"
                : StopReasons.stopReason(Json.textOr(choice, "finish_reason", null), !toolCalls.isEmpty());
        out.put("stop_reason", stopReason);
        out.putNull("stop_sequence");
        out.set("usage", UsageTranslation.toAnthropic(completion.path("usage")));
        if (!Json.absent(choice, "logprobs")) {
            dropped.add("choices[].logprobs");
        }
        for (String field : new String[] {"annotations", "audio", "function_call"}) {
            JsonNode value = message.path(field);
            if (!value.isMissingNode() && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                dropped.add("choices[].message." + field);
            }
        }
        return new Translated(out, dropped.list());
    }

    private static void thinking(JsonNode message, ArrayNode content) {
        JsonNode blocks = message.path("thinking_blocks");
        if (blocks.isArray() && !blocks.isEmpty()) {
            for (JsonNode block : blocks) {
                if ("redacted_thinking".equals(block.path("type").asText())) {
                    content.addObject()
                            .put("type", "redacted_thinking")
                            .put("data", block.path("data").asText());
                } else {
                    content.addObject()
                            .put("type", "thinking")
                            .put("thinking", block.path("thinking").asText())
                            .put("signature", block.path("signature").asText());
                }
            }
            return;
        }
        String reasoning = reasoningText(message);
        if (!reasoning.isEmpty()) {
            content.addObject()
                    .put("type", "thinking")
                    .put("thinking", reasoning)
                    .put("signature", "");
        }
    }

    /** An id for a tool call the provider sent without one (some do): unique within the message. */
    static String missingToolCallId(String messageId, int index) {
        return "toolu_" + ToolIds.forAnthropic(messageId) + "_" + index;
    }

    /** {@code reasoning_content} (DeepSeek, vLLM, SGLang...) or {@code reasoning} (OpenRouter, newer vLLM). */
    static String reasoningText(JsonNode messageOrDelta) {
        JsonNode value = messageOrDelta.path("reasoning_content");
        if (!value.isTextual()) {
            value = messageOrDelta.path("reasoning");
        }
        return value.isTextual() ? value.textValue() : "";
    }

    private static void text(JsonNode message, ArrayNode content) {
        JsonNode text = message.path("content");
        if (text.isTextual() && !text.textValue().isEmpty()) {
            content.addObject().put("type", "text").put("text", text.textValue());
        } else if (text.isArray()) {
            for (JsonNode part : text) {
                if (part.path("text").isTextual()) {
                    content.addObject()
                            .put("type", "text")
                            .put("text", part.get("text").textValue());
                }
            }
        }
        if (message.path("refusal").isTextual()) {
            content.addObject()
                    .put("type", "text")
                    .put("text", message.get("refusal").textValue());
        }
    }

    private static ObjectNode toolUse(JsonNode call, int index, JsonNode completion) {
        ObjectNode block = Json.object().put("type", "tool_use");
        String id = Json.textOr(call, "id", null);
        block.put("id", id != null ? id : missingToolCallId(Json.textOr(completion, "id", "gateway"), index));
        JsonNode function = call.path("function");
        block.put("name", Json.textOr(function, "name", ""));
        block.set("input", ToolArguments.toInput(Json.textOr(function, "arguments", "")));
        return block;
    }
}
