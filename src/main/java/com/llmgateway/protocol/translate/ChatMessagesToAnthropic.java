package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * An OpenAI {@code messages} list as Anthropic's {@code system} and {@code messages}.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they are, become {@code system} in order: a plain
 *       string when there is exactly one string message, text blocks otherwise.
 *   <li>Consecutive {@code tool} messages become one user turn of {@code tool_result} blocks; a user message right
 *       after them joins that turn (Anthropic wants every result of a turn in the next user message, results first).
 *   <li>{@code cache_control} on content parts, on tools and on whole messages (the last block gets it) is kept: it
 *       is an extension OpenAI-compatible clients send for Anthropic models.
 *   <li>Assistant reasoning comes back as Anthropic thinking only with its signature, i.e. from the {@code
 *       thinking_blocks} extension this gateway (like LiteLLM) returns; bare {@code reasoning_content} is dropped,
 *       since Anthropic rejects unsigned thinking.
 * </ul>
 */
final class ChatMessagesToAnthropic {
    /** The converted conversation. */
    record Result(JsonNode system, ArrayNode messages, boolean lastAssistantToolUseLacksThinking) {}

    private final Dropped dropped;
    private final ArrayNode system = Json.array();
    private final ArrayNode messages = Json.array();
    private int systemMessages;
    private boolean systemIsOneString = true;
    private ArrayNode toolResultTurn;
    private boolean lastAssistantToolUseLacksThinking;

    private ChatMessagesToAnthropic(Dropped dropped) {
        this.dropped = dropped;
    }

    static Result convert(ArrayNode chatMessages, Dropped dropped) {
        ChatMessagesToAnthropic converter = new ChatMessagesToAnthropic(dropped);
        for (int i = 0; i < chatMessages.size(); i++) {
            converter.message(Json.requireObject(chatMessages.get(i), "messages[" + i + "]"), "messages[" + i + "]");
        }
        return converter.result();
    }

    private Result result() {
        JsonNode systemValue = null;
        if (systemMessages == 1 && systemIsOneString) {
            systemValue = system.get(0).get("text");
        } else if (!system.isEmpty()) {
            systemValue = system;
        }
        return new Result(systemValue, messages, lastAssistantToolUseLacksThinking);
    }

    private void message(ObjectNode message, String path) {
        String role = Json.text(message, "role", path + ".role")
                .orElseThrow(() -> Json.invalid(path + ".role", "is required"));
        if (!Json.absent(message, "name")) {
            dropped.add("messages[].name");
        }
        switch (role) {
            case "system", "developer" -> system(message, path);
            case "user" -> user(message, path);
            case "assistant" -> assistant(message, path);
            case "tool" -> tool(message, path);
            case "function" -> throw Json.unsupported(path + ".role", "legacy function messages; use tool messages");
            default -> throw Json.invalid(path + ".role", "is not one of system, developer, user, assistant, tool");
        }
    }

    private void system(ObjectNode message, String path) {
        systemMessages++;
        JsonNode content = message.get("content");
        int first = system.size();
        if (content != null && content.isTextual()) {
            system.addObject().put("type", "text").put("text", content.textValue());
        } else {
            systemIsOneString = false;
            ArrayNode parts = Json.arrayOrEmpty(message, "content", path + ".content");
            for (int i = 0; i < parts.size(); i++) {
                String partPath = path + ".content[" + i + "]";
                ObjectNode part = Json.requireObject(parts.get(i), partPath);
                if (!"text".equals(part.path("type").asText())) {
                    throw Json.invalid(partPath + ".type", "must be text in a system message");
                }
                system.add(textBlock(part, partPath));
            }
        }
        if (message.path("cache_control").isObject() && system.size() > first) {
            systemIsOneString = false;
            ((ObjectNode) system.get(system.size() - 1)).set("cache_control", message.get("cache_control"));
        }
    }

    private void user(ObjectNode message, String path) {
        JsonNode content = content(message, path);
        if (toolResultTurn != null) {
            appendBlocks(toolResultTurn, content);
            toolResultTurn = null;
            return;
        }
        messages.addObject().put("role", "user").set("content", content);
    }

    /** The user content: a string stays a string unless the message-level cache marker needs a block to sit on. */
    private JsonNode content(ObjectNode message, String path) {
        JsonNode content = message.get("content");
        ArrayNode blocks;
        if (content != null && content.isTextual()) {
            if (!message.path("cache_control").isObject()) {
                return content;
            }
            blocks = Json.array();
            blocks.addObject().put("type", "text").put("text", content.textValue());
        } else {
            blocks = Json.array();
            ArrayNode parts = Json.arrayOrEmpty(message, "content", path + ".content");
            for (int i = 0; i < parts.size(); i++) {
                blocks.add(ContentParts.toAnthropicBlock(parts.get(i), path + ".content[" + i + "]", dropped));
            }
        }
        markLast(blocks, message);
        return blocks;
    }

    private void assistant(ObjectNode message, String path) {
        toolResultTurn = null;
        ArrayNode blocks = Json.array();
        boolean thinking = thinkingBlocks(message, path, blocks);
        JsonNode content = message.get("content");
        ArrayNode toolCalls = Json.arrayOrEmpty(message, "tool_calls", path + ".tool_calls");
        boolean plain = content != null
                && content.isTextual()
                && blocks.isEmpty()
                && toolCalls.isEmpty()
                && Json.absent(message, "refusal")
                && !message.path("cache_control").isObject();
        if (plain) {
            messages.addObject().put("role", "assistant").set("content", content);
            lastAssistantToolUseLacksThinking = false;
            return;
        }
        assistantText(message, path, blocks);
        for (int i = 0; i < toolCalls.size(); i++) {
            blocks.add(toolUse(toolCalls.get(i), path + ".tool_calls[" + i + "]"));
        }
        if (!Json.absent(message, "function_call")) {
            throw Json.unsupported(path + ".function_call", "legacy function calls; use tool_calls");
        }
        if (!Json.absent(message, "audio")) {
            dropped.add("messages[].audio");
        }
        markLast(blocks, message);
        messages.addObject().put("role", "assistant").set("content", blocks);
        lastAssistantToolUseLacksThinking = !toolCalls.isEmpty() && !thinking;
    }

    private void assistantText(ObjectNode message, String path, ArrayNode blocks) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            // Anthropic rejects empty text blocks; an empty string next to tool calls says nothing.
            if (!content.textValue().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.textValue());
            }
        } else {
            ArrayNode parts = Json.arrayOrEmpty(message, "content", path + ".content");
            for (int i = 0; i < parts.size(); i++) {
                String partPath = path + ".content[" + i + "]";
                ObjectNode part = Json.requireObject(parts.get(i), partPath);
                switch (part.path("type").asText()) {
                    case "text" -> blocks.add(textBlock(part, partPath));
                    case "refusal" ->
                        blocks.addObject()
                                .put("type", "text")
                                .put(
                                        "text",
                                        Json.text(part, "refusal", partPath + ".refusal")
                                                .orElse(""));
                    default ->
                        throw Json.invalid(partPath + ".type", "must be text or refusal in an assistant message");
                }
            }
        }
        Json.text(message, "refusal", path + ".refusal")
                .ifPresent(r -> blocks.addObject().put("type", "text").put("text", r));
    }

    /** Signed thinking from the {@code thinking_blocks} extension; true when at least one block was kept. */
    private boolean thinkingBlocks(ObjectNode message, String path, ArrayNode blocks) {
        ArrayNode thinking = Json.arrayOrEmpty(message, "thinking_blocks", path + ".thinking_blocks");
        String reasoning = message.path("reasoning_content").isTextual()
                ? message.get("reasoning_content").textValue()
                : "";
        boolean kept = false;
        for (JsonNode block : thinking) {
            String type = block.path("type").asText();
            if (type.equals("redacted_thinking") && block.path("data").isTextual()) {
                blocks.addObject().put("type", "redacted_thinking").set("data", block.get("data"));
                kept = true;
            } else if (type.equals("thinking")
                    && !block.path("signature").asText().isEmpty()) {
                String text = block.path("thinking").asText();
                // A streamed reply carries the text as reasoning_content and only the signature in thinking_blocks.
                blocks.addObject()
                        .put("type", "thinking")
                        .put("thinking", text.isEmpty() && thinking.size() == 1 ? reasoning : text)
                        .put("signature", block.get("signature").asText());
                kept = true;
            } else {
                dropped.add("messages[].thinking_blocks[]");
            }
        }
        if (!kept && !reasoning.isEmpty()) {
            dropped.add("messages[].reasoning_content");
        }
        return kept;
    }

    private ObjectNode toolUse(JsonNode call, String path) {
        ObjectNode toolCall = Json.requireObject(call, path);
        String type = Json.text(toolCall, "type", path + ".type").orElse("function");
        if (!type.equals("function")) {
            throw Json.unsupported(path + ".type", "Anthropic has no '" + type + "' tool calls");
        }
        ObjectNode function = Json.requireObject(toolCall.get("function"), path + ".function");
        ObjectNode block = Json.object().put("type", "tool_use");
        block.put(
                "id",
                ToolIds.forAnthropic(Json.text(toolCall, "id", path + ".id")
                        .orElseThrow(() -> Json.invalid(path + ".id", "is required"))));
        block.put(
                "name",
                Json.text(function, "name", path + ".function.name")
                        .orElseThrow(() -> Json.invalid(path + ".function.name", "is required")));
        block.set(
                "input",
                ToolArguments.toInput(Json.text(function, "arguments", path + ".function.arguments")
                        .orElse("")));
        return block;
    }

    private void tool(ObjectNode message, String path) {
        ObjectNode result = Json.object().put("type", "tool_result");
        result.put(
                "tool_use_id",
                ToolIds.forAnthropic(Json.text(message, "tool_call_id", path + ".tool_call_id")
                        .orElseThrow(() -> Json.invalid(path + ".tool_call_id", "is required"))));
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            result.set("content", content);
        } else {
            ArrayNode blocks = result.putArray("content");
            ArrayNode parts = Json.arrayOrEmpty(message, "content", path + ".content");
            for (int i = 0; i < parts.size(); i++) {
                blocks.add(ContentParts.toAnthropicBlock(parts.get(i), path + ".content[" + i + "]", dropped));
            }
        }
        if (message.path("cache_control").isObject()) {
            result.set("cache_control", message.get("cache_control"));
        }
        if (toolResultTurn == null) {
            toolResultTurn = messages.addObject().put("role", "user").putArray("content");
        }
        toolResultTurn.add(result);
    }

    private static ObjectNode textBlock(ObjectNode part, String path) {
        ObjectNode block = Json.object().put("type", "text");
        block.put("text", Json.text(part, "text", path + ".text").orElse(""));
        if (part.path("cache_control").isObject()) {
            block.set("cache_control", part.get("cache_control"));
        }
        return block;
    }

    private static void appendBlocks(ArrayNode turn, JsonNode content) {
        if (content instanceof TextNode text) {
            turn.addObject().put("type", "text").put("text", text.textValue());
        } else {
            turn.addAll((ArrayNode) content);
        }
    }

    private static void markLast(ArrayNode blocks, ObjectNode message) {
        if (message.path("cache_control").isObject() && !blocks.isEmpty()) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).set("cache_control", message.get("cache_control"));
        }
    }
}
