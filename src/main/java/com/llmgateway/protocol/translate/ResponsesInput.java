package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Responses request's {@code instructions} and {@code input} as a chat {@code messages} list.
 *
 * <p>Messages keep their role and parts ({@code input_text}/{@code output_text} → text, {@code input_image} →
 * {@code image_url}, {@code input_file} → {@code file}, {@code refusal} → the assistant's refusal). Consecutive
 * {@code function_call} items join the assistant message right before them as its {@code tool_calls};
 * {@code function_call_output} items are tool messages. Reasoning items are dropped (the chat API takes no reasoning
 * back); items of built-in tools and references to stored items are rejected, since the gateway keeps no state.
 */
final class ResponsesInput {
    private final Dropped dropped;
    private final ArrayNode messages = Json.array();
    private ObjectNode toolCallTarget;

    private ResponsesInput(Dropped dropped) {
        this.dropped = dropped;
    }

    static ArrayNode toMessages(ObjectNode request, Dropped dropped) {
        ResponsesInput input = new ResponsesInput(dropped);
        Json.text(request, "instructions", "instructions")
                .ifPresent(
                        text -> input.messages.addObject().put("role", "system").put("content", text));
        JsonNode items = request.get("input");
        if (items != null && items.isTextual()) {
            input.messages.addObject().put("role", "user").set("content", items);
        } else if (items != null && !items.isNull()) {
            ArrayNode list = Json.arrayOrEmpty(request, "input", "input");
            for (int i = 0; i < list.size(); i++) {
                input.item(Json.requireObject(list.get(i), "input[" + i + "]"), "input[" + i + "]");
            }
        }
        return input.messages;
    }

    private void item(ObjectNode item, String path) {
        String type = Json.text(item, "type", path + ".type").orElse("message");
        switch (type) {
            case "message" -> message(item, path);
            case "function_call" -> functionCall(item, path);
            case "function_call_output" -> functionCallOutput(item, path);
            case "reasoning" -> {
                dropped.add("input[].reasoning");
                return; // reasoning between a message and its calls does not separate them
            }
            default ->
                throw Json.unsupported(
                        path + ".type", "'" + type + "' items need OpenAI's stored state or built-in tools");
        }
        if (!type.equals("function_call")) {
            toolCallTarget = type.equals("message") && isAssistant(messages.get(messages.size() - 1))
                    ? (ObjectNode) messages.get(messages.size() - 1)
                    : null;
        }
    }

    private void message(ObjectNode item, String path) {
        String role =
                Json.text(item, "role", path + ".role").orElseThrow(() -> Json.invalid(path + ".role", "is required"));
        if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
            throw Json.invalid(path + ".role", "is not one of user, assistant, system, developer");
        }
        ObjectNode message = messages.addObject().put("role", role);
        JsonNode content = item.get("content");
        if (content != null && content.isTextual()) {
            message.set("content", content);
            return;
        }
        ArrayNode parts = Json.arrayOrEmpty(item, "content", path + ".content");
        ArrayNode out = Json.array();
        for (int i = 0; i < parts.size(); i++) {
            part(
                    Json.requireObject(parts.get(i), path + ".content[" + i + "]"),
                    path + ".content[" + i + "]",
                    out,
                    message);
        }
        if (role.equals("assistant")
                && out.size() == 1
                && out.get(0).path("type").asText().equals("text")) {
            message.set("content", out.get(0).get("text"));
        } else if (role.equals("assistant") && out.isEmpty()) {
            message.putNull("content");
        } else {
            message.set("content", out);
        }
    }

    private void part(ObjectNode part, String path, ArrayNode out, ObjectNode message) {
        String type = Json.text(part, "type", path + ".type").orElse("");
        switch (type) {
            case "input_text", "output_text" -> {
                out.addObject()
                        .put("type", "text")
                        .put("text", Json.text(part, "text", path + ".text").orElse(""));
                if (part.path("annotations").size() > 0) {
                    dropped.add("input[].content[].annotations");
                }
            }
            case "refusal" ->
                message.put(
                        "refusal", Json.text(part, "refusal", path + ".refusal").orElse(""));
            case "input_image" -> {
                ObjectNode image = out.addObject().put("type", "image_url").putObject("image_url");
                if (!Json.absent(part, "file_id")) {
                    throw Json.unsupported(path + ".file_id", "file ids need OpenAI's file store");
                }
                image.put(
                        "url",
                        Json.text(part, "image_url", path + ".image_url")
                                .orElseThrow(() -> Json.invalid(path + ".image_url", "is required")));
                Json.text(part, "detail", path + ".detail").ifPresent(d -> image.put("detail", d));
            }
            case "input_file" -> {
                ObjectNode file = out.addObject().put("type", "file").putObject("file");
                for (String field : new String[] {"filename", "file_data", "file_id"}) {
                    Json.text(part, field, path + "." + field).ifPresent(v -> file.put(field, v));
                }
                if (!Json.absent(part, "file_url")) {
                    throw Json.unsupported(path + ".file_url", "the chat API takes files inline or by id");
                }
            }
            default -> throw Json.unsupported(path + ".type", "the chat API has no '" + type + "' content");
        }
    }

    private void functionCall(ObjectNode item, String path) {
        if (toolCallTarget == null) {
            toolCallTarget = messages.addObject().put("role", "assistant");
            toolCallTarget.putNull("content");
        }
        ArrayNode calls = toolCallTarget.has("tool_calls")
                ? (ArrayNode) toolCallTarget.get("tool_calls")
                : toolCallTarget.putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put(
                "id",
                Json.text(item, "call_id", path + ".call_id")
                        .orElseThrow(() -> Json.invalid(path + ".call_id", "is required")));
        call.put("type", "function");
        call.putObject("function")
                .put(
                        "name",
                        Json.text(item, "name", path + ".name")
                                .orElseThrow(() -> Json.invalid(path + ".name", "is required")))
                .put(
                        "arguments",
                        Json.text(item, "arguments", path + ".arguments").orElse("{}"));
    }

    private void functionCallOutput(ObjectNode item, String path) {
        ObjectNode message = messages.addObject().put("role", "tool");
        message.put(
                "tool_call_id",
                Json.text(item, "call_id", path + ".call_id")
                        .orElseThrow(() -> Json.invalid(path + ".call_id", "is required")));
        JsonNode output = item.get("output");
        if (output != null && output.isTextual()) {
            message.set("content", output);
            return;
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode part : Json.arrayOrEmpty(item, "output", path + ".output")) {
            if (!"input_text".equals(part.path("type").asText())) {
                throw Json.unsupported(path + ".output", "chat tool messages take text only");
            }
            parts.addObject().put("type", "text").put("text", part.path("text").asText());
        }
    }

    private static boolean isAssistant(JsonNode message) {
        return "assistant".equals(message.path("role").asText());
    }
}
