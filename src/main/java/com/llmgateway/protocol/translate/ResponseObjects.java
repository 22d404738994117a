package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Responses API objects built from chat completions: the {@code response} (which echoes the request's settings), its
 * output items and usage. Ids are derived from the chat completion's: {@code resp_<id>}, {@code msg_<id>}, {@code
 * rs_<id>}, {@code fc_<call id>}.
 */
final class ResponseObjects {
    private ResponseObjects() {}

    static Translated fromCompletion(JsonNode body, JsonNode request) {
        ObjectNode completion = UpstreamBodies.requireObject(body, "chat completion");
        JsonNode choice = completion.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw UpstreamBodies.malformed("the provider's chat completion has no choices");
        }
        Dropped dropped = new Dropped();
        String id = Json.textOr(completion, "id", "gateway");
        ObjectNode response =
                base(id, Json.longOr(completion, "created", 0), Json.textOr(completion, "model", ""), request);
        ArrayNode output = (ArrayNode) response.get("output");
        JsonNode message = choice.path("message");
        String reasoning = ChatCompletionToMessage.reasoningText(message);
        if (!reasoning.isEmpty()) {
            output.add(reasoningItem(id, reasoning, "completed"));
        }
        // A refusal is text here as in streams, where it arrives as deltas like any text.
        String text =
                message.path("content").asText("") + message.path("refusal").asText("");
        String finishReason = Json.textOr(choice, "finish_reason", "stop");
        boolean cut = finishReason.equals("length") || finishReason.equals("content_filter");
        if (!text.isEmpty()) {
            output.add(messageItem(id, text, "completed"));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            output.add(functionCallItem(
                    Json.textOr(call, "id", ""),
                    Json.textOr(function, "name", ""),
                    Json.textOr(function, "arguments", ""),
                    "completed"));
        }
        if (cut && !output.isEmpty()) {
            // The item being written when the answer was cut is incomplete, as the Responses API marks it.
            ((ObjectNode) output.get(output.size() - 1)).put("status", "incomplete");
        }
        if (!Json.absent(choice, "logprobs")) {
            dropped.add("choices[].logprobs");
        }
        finish(response, finishReason, completion.get("usage"));
        return new Translated(response, dropped.list());
    }

    /** The response as it starts: {@code in_progress}, no output, the request's settings echoed. */
    static ObjectNode base(String completionId, long createdAt, String model, JsonNode request) {
        ObjectNode response = Json.object();
        response.put("id", "resp_" + completionId);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", "in_progress");
        response.putNull("error");
        response.putNull("incomplete_details");
        response.set("instructions", echo(request, "instructions", null));
        response.set("max_output_tokens", echo(request, "max_output_tokens", null));
        response.put("model", model);
        response.putArray("output");
        response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        response.set("temperature", echo(request, "temperature", Json.object().numberNode(1.0)));
        response.set("top_p", echo(request, "top_p", Json.object().numberNode(1.0)));
        response.set("tool_choice", echo(request, "tool_choice", Json.object().textNode("auto")));
        response.set("tools", echo(request, "tools", Json.array()));
        ObjectNode defaultText = Json.object();
        defaultText.putObject("format").put("type", "text");
        response.set("text", echo(request, "text", defaultText));
        response.set("metadata", echo(request, "metadata", Json.object()));
        for (String field :
                new String[] {"reasoning", "user", "safety_identifier", "prompt_cache_key", "service_tier"}) {
            if (!Json.absent(request, field)) {
                response.set(field, request.get(field));
            }
        }
        response.putNull("usage");
        return response;
    }

    /**
     * Status and usage at the end: {@code length} and {@code content_filter} make the response {@code incomplete}
     * with that reason; anything else is {@code completed}.
     */
    static void finish(ObjectNode response, String finishReason, JsonNode chatUsage) {
        switch (finishReason) {
            case "length" -> incomplete(response, "max_output_tokens");
            case "content_filter" -> incomplete(response, "content_filter");
            default -> response.put("status", "completed");
        }
        if (chatUsage != null && chatUsage.isObject()) {
            response.set("usage", usage(chatUsage));
        }
    }

    private static void incomplete(ObjectNode response, String reason) {
        response.put("status", "incomplete");
        response.putObject("incomplete_details").put("reason", reason);
    }

    static ObjectNode usage(JsonNode chat) {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", Json.longOr(chat, "prompt_tokens", 0));
        usage.putObject("input_tokens_details")
                .put("cached_tokens", Json.longOr(chat.path("prompt_tokens_details"), "cached_tokens", 0));
        usage.put("output_tokens", Json.longOr(chat, "completion_tokens", 0));
        usage.putObject("output_tokens_details")
                .put("reasoning_tokens", Json.longOr(chat.path("completion_tokens_details"), "reasoning_tokens", 0));
        usage.put("total_tokens", Json.longOr(chat, "total_tokens", 0));
        return usage;
    }

    static ObjectNode reasoningItem(String completionId, String text, String status) {
        ObjectNode item = Json.object().put("id", "rs_" + completionId).put("type", "reasoning");
        item.putArray("summary");
        if (text != null) {
            item.putArray("content").addObject().put("type", "reasoning_text").put("text", text);
        }
        item.put("status", status);
        return item;
    }

    /** @param text the whole text, or null for a message just started (no content part yet) */
    static ObjectNode messageItem(String completionId, String text, String status) {
        ObjectNode item = Json.object().put("id", "msg_" + completionId).put("type", "message");
        item.put("status", status).put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCallItem(String callId, String name, String arguments, String status) {
        return Json.object()
                .put("id", "fc_" + callId)
                .put("type", "function_call")
                .put("status", status)
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments);
    }

    private static JsonNode echo(JsonNode request, String field, JsonNode fallback) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return fallback == null ? Json.object().nullNode() : fallback;
        }
        return value;
    }
}
