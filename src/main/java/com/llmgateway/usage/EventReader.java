package com.llmgateway.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.SseEvent;

/**
 * Reads the text and usage out of one stream's server-sent events. Only events that can carry either are parsed;
 * an event whose data is not a JSON object ({@code [DONE]}, a malformed line) is skipped.
 */
final class EventReader {
    private static final ObjectMapper TREES = new ObjectMapper(JsonFactory.builder()
            // One event is bounded by the SSE parser's line limit; its strings can be as long.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build());

    private final ResponseShape shape;
    private final UsageTally usage;
    private final OutputText text;

    EventReader(ResponseShape shape, UsageTally usage, OutputText text) {
        this.shape = shape;
        this.usage = usage;
        this.text = text;
    }

    void read(SseEvent event) {
        if (!shape.mayCarry(event.event()) || !looksLikeObject(event.data())) {
            return;
        }
        JsonNode json;
        try {
            json = TREES.readTree(event.data());
        } catch (JsonProcessingException e) {
            return;
        }
        // Untyped events (a provider that sends no "event:" lines) are told apart by their "type" member.
        if (event.event() == null && !shape.mayCarry(json.path("type").textValue())) {
            return;
        }
        // OpenAI's usage chunk and Anthropic's message_delta, Anthropic's message_start, Responses' completion.
        usage.merge(json.get("usage"));
        usage.merge(json.path("message").get("usage"));
        usage.merge(json.path("response").get("usage"));
        switch (shape) {
            case CHAT -> chatText(json);
            case RESPONSES -> appendText(json.get("delta"));
            case MESSAGES -> messagesText(json);
            default -> {}
        }
    }

    /** {@code choices[].delta} of chat chunks (content, reasoning, tool calls), {@code choices[].text} of completions. */
    private void chatText(JsonNode json) {
        for (JsonNode choice : json.path("choices")) {
            JsonNode delta = choice.path("delta");
            appendText(delta.get("content"));
            appendText(delta.get("reasoning_content"));
            for (JsonNode call : delta.path("tool_calls")) {
                appendFunction(call.path("function"));
            }
            appendFunction(delta.path("function_call"));
            appendText(choice.get("text"));
        }
    }

    private void appendFunction(JsonNode function) {
        appendText(function.get("name"));
        appendText(function.get("arguments"));
    }

    /** Text, tool input JSON and thinking deltas; the tool name and any initial text of a starting block. */
    private void messagesText(JsonNode json) {
        JsonNode delta = json.path("delta");
        appendText(delta.get("text"));
        appendText(delta.get("partial_json"));
        appendText(delta.get("thinking"));
        JsonNode block = json.path("content_block");
        appendText(block.get("text"));
        appendText(block.get("name"));
    }

    private void appendText(JsonNode value) {
        if (value != null && value.isTextual()) {
            text.append(value.textValue());
        }
    }

    private static boolean looksLikeObject(String data) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }
}
