package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's {@code system} and {@code messages} as an OpenAI {@code messages} list.
 *
 * <ul>
 *   <li>{@code system} becomes one leading system message: a string stays a string, one block becomes a string,
 *       several blocks become text parts.
 *   <li>A user turn's {@code tool_result} blocks become {@code tool} messages, in order, before the rest of the turn.
 *       OpenAI tool messages take text only, so images inside a result follow as a user message.
 *   <li>{@code cache_control} is dropped everywhere: OpenAI caches prompt prefixes by itself.
 *   <li>Assistant thinking becomes {@code reasoning_content} when the provider accepts it ({@link
 *       TranslationOptions#reasoningContentInHistory()}), else it is dropped; signatures mean nothing to an OpenAI
 *       provider and are always dropped.
 * </ul>
 */
final class AnthropicMessagesToChat {
    private final Dropped dropped;
    private final boolean keepReasoning;
    private final ArrayNode out = Json.array();

    private AnthropicMessagesToChat(Dropped dropped, boolean keepReasoning) {
        this.dropped = dropped;
        this.keepReasoning = keepReasoning;
    }

    static ArrayNode convert(JsonNode system, ArrayNode messages, TranslationOptions options, Dropped dropped) {
        AnthropicMessagesToChat converter = new AnthropicMessagesToChat(dropped, options.reasoningContentInHistory());
        converter.system(system);
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            ObjectNode message = Json.requireObject(messages.get(i), path);
            String role = Json.text(message, "role", path + ".role")
                    .orElseThrow(() -> Json.invalid(path + ".role", "is required"));
            switch (role) {
                case "user" -> converter.user(message, path);
                case "assistant" -> converter.assistant(message, path);
                default -> throw Json.invalid(path + ".role", "is not one of user, assistant");
            }
        }
        return converter.out;
    }

    private void system(JsonNode system) {
        if (system == null || system.isNull()) {
            return;
        }
        if (system.isTextual()) {
            out.addObject().put("role", "system").set("content", system);
            return;
        }
        if (!system.isArray()) {
            throw Json.invalid("system", "must be a string or an array of text blocks");
        }
        ArrayNode parts = Json.array();
        for (int i = 0; i < system.size(); i++) {
            String path = "system[" + i + "]";
            ObjectNode block = Json.requireObject(system.get(i), path);
            if (!"text".equals(block.path("type").asText())) {
                throw Json.invalid(path + ".type", "must be text");
            }
            if (!Json.absent(block, "cache_control")) {
                dropped.add("system[].cache_control");
            }
            if (!Json.absent(block, "citations")) {
                dropped.add("system[].citations");
            }
            parts.addObject()
                    .put("type", "text")
                    .put("text", Json.text(block, "text", path + ".text").orElse(""));
        }
        if (parts.size() == 1) {
            out.addObject().put("role", "system").set("content", parts.get(0).get("text"));
        } else if (!parts.isEmpty()) {
            out.addObject().put("role", "system").set("content", parts);
        }
    }

    private void user(ObjectNode message, String path) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            out.addObject().put("role", "user").set("content", content);
            return;
        }
        ArrayNode blocks = Json.arrayOrEmpty(message, "content", path + ".content");
        ArrayNode parts = Json.array();
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + ".content[" + i + "]";
            JsonNode block = blocks.get(i);
            if ("tool_result".equals(block.path("type").asText())) {
                toolResult(Json.requireObject(block, blockPath), blockPath, parts);
            } else {
                parts.add(ContentParts.toOpenAiPart(block, blockPath, dropped));
            }
        }
        if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    /** One tool message; images of the result go to {@code userParts}, sent right after the tool messages. */
    private void toolResult(ObjectNode block, String path, ArrayNode userParts) {
        ObjectNode message = out.addObject().put("role", "tool");
        message.put(
                "tool_call_id",
                Json.text(block, "tool_use_id", path + ".tool_use_id")
                        .orElseThrow(() -> Json.invalid(path + ".tool_use_id", "is required")));
        JsonNode content = block.get("content");
        if (content == null || content.isNull()) {
            message.put("content", "");
        } else if (content.isTextual()) {
            message.set("content", content);
        } else {
            ArrayNode parts = message.putArray("content");
            ArrayNode blocks = Json.arrayOrEmpty(block, "content", path + ".content");
            for (int i = 0; i < blocks.size(); i++) {
                ObjectNode part = ContentParts.toOpenAiPart(blocks.get(i), path + ".content[" + i + "]", dropped);
                (part.path("type").asText().equals("text") ? parts : userParts).add(part);
            }
            if (parts.isEmpty()) {
                message.put("content", "");
            }
        }
        if (block.path("is_error").asBoolean(false)) {
            dropped.add("messages[].content[].is_error");
        }
        if (!Json.absent(block, "cache_control")) {
            dropped.add("messages[].content[].cache_control");
        }
    }

    private void assistant(ObjectNode message, String path) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            out.addObject().put("role", "assistant").set("content", content);
            return;
        }
        ArrayNode blocks = Json.arrayOrEmpty(message, "content", path + ".content");
        ArrayNode texts = Json.array();
        ArrayNode toolCalls = Json.array();
        StringBuilder reasoning = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + ".content[" + i + "]";
            ObjectNode block = Json.requireObject(blocks.get(i), blockPath);
            String type = block.path("type").asText();
            switch (type) {
                case "text" ->
                    texts.addObject()
                            .put("type", "text")
                            .put("text", block.path("text").asText());
                case "tool_use" -> toolCalls.add(AnthropicMessageToChat.toolCall(block));
                case "thinking" -> thinking(block, reasoning);
                case "redacted_thinking" -> dropped.add("messages[].content[].redacted_thinking");
                default -> throw Json.unsupported(blockPath + ".type", "OpenAI has no '" + type + "' content");
            }
            if (!Json.absent(block, "cache_control")) {
                dropped.add("messages[].content[].cache_control");
            }
        }
        ObjectNode assistant = out.addObject().put("role", "assistant");
        if (texts.isEmpty()) {
            assistant.putNull("content");
        } else if (texts.size() == 1) {
            assistant.set("content", texts.get(0).get("text"));
        } else {
            assistant.set("content", texts);
        }
        if (!toolCalls.isEmpty()) {
            assistant.set("tool_calls", toolCalls);
        }
        if (!reasoning.isEmpty()) {
            assistant.put("reasoning_content", reasoning.toString());
        }
    }

    private void thinking(ObjectNode block, StringBuilder reasoning) {
        if (keepReasoning) {
            reasoning.append(block.path("thinking").asText());
            if (!block.path("signature").asText().isEmpty()) {
                dropped.add("messages[].content[].signature");
            }
        } else {
            dropped.add("messages[].content[].thinking");
        }
    }
}
