package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayException;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI Responses API client ({@code POST /v1/responses}) talking to a provider that offers only Chat Completions
 * (or, chained through {@link ChatToMessages}, only Messages). Stateless: text, images, files, function tools and
 * their calls, structured output, reasoning effort and streaming translate; anything that needs OpenAI's stored state
 * or built-in tools is rejected. Streams: {@link ChatToResponsesStream}. The table is in {@code docs/translation.md}.
 */
public final class ResponsesToChat {
    private static final Set<String> MAPPED = Set.of(
            "model",
            "instructions",
            "input",
            "max_output_tokens",
            "temperature",
            "top_p",
            "stream",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "text",
            "reasoning",
            "user",
            "safety_identifier",
            "metadata",
            "prompt_cache_key",
            "service_tier",
            "top_logprobs",
            "stream_options");

    private static final Map<String, String> REJECTED = Map.of(
            "previous_response_id", "the gateway keeps no responses; send the whole conversation as input",
            "conversation", "the gateway keeps no conversations; send the whole conversation as input",
            "background", "background responses need OpenAI's stored state",
            "prompt", "prompt templates live in OpenAI's store");

    private ResponsesToChat() {}

    /**
     * The chat request for a Responses request.
     *
     * @throws GatewayException a 400 naming the field when the request cannot be translated
     */
    public static Translated request(JsonNode responsesBody, TranslationOptions options) {
        RequestTranslation t = RequestTranslation.of(Json.requireObject(responsesBody, "body"), options);
        ObjectNode source = t.source();
        ObjectNode out = t.target();
        Json.text(source, "model", "model").ifPresent(model -> out.put("model", model));
        out.set("messages", ResponsesInput.toMessages(source, t.dropped()));
        if (!Json.absent(source, "max_output_tokens")) {
            out.set(options.maxTokensField().wireName(), source.get("max_output_tokens"));
        }
        for (String field : new String[] {
            "temperature",
            "top_p",
            "user",
            "safety_identifier",
            "metadata",
            "prompt_cache_key",
            "service_tier",
            "parallel_tool_calls"
        }) {
            if (!Json.absent(source, field)) {
                out.set(field, source.get(field));
            }
        }
        if (!Json.absent(source, "top_logprobs")) {
            out.put("logprobs", true).set("top_logprobs", source.get("top_logprobs"));
        }
        if (source.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        tools(t);
        text(t);
        Json.text(source.path("reasoning"), "effort", "reasoning.effort")
                .ifPresent(e -> out.put("reasoning_effort", e));
        if (source.path("reasoning").has("summary") || source.path("reasoning").has("generate_summary")) {
            t.dropped().add("reasoning.summary");
        }
        for (var field : source.properties()) {
            otherField(field.getKey(), field.getValue(), t.dropped());
        }
        return t.result();
    }

    /**
     * The Responses {@code response} object for a chat completion. The Responses API echoes the request's settings
     * (instructions, tools, sampling...) in every response, so the client's request is needed too.
     *
     * @param options not needed by this direction today; taken so that every translation is called alike
     */
    public static Translated response(JsonNode chatCompletion, JsonNode responsesRequest, TranslationOptions options) {
        return ResponseObjects.fromCompletion(chatCompletion, responsesRequest);
    }

    /** The Anthropic request for a Responses request: through the chat request, the losses of both steps listed. */
    public static Translated requestForAnthropic(JsonNode responsesBody, TranslationOptions options) {
        Translated chat = request(responsesBody, options);
        Translated messages = ChatToMessages.request(chat.json(), options);
        return new Translated(messages.json(), merged(chat.droppedFields(), messages.droppedFields()));
    }

    /** The Responses {@code response} object for an Anthropic message, through the chat completion. */
    public static Translated responseFromAnthropic(
            JsonNode anthropicMessage, JsonNode responsesRequest, TranslationOptions options) {
        Translated chat = ChatToMessages.response(anthropicMessage, options);
        Translated response = response(chat.json(), responsesRequest, options);
        return new Translated(response.json(), merged(chat.droppedFields(), response.droppedFields()));
    }

    /** The stream translator for a chat provider's stream answering {@code responsesRequest}. */
    public static StreamTranslator stream(JsonNode responsesRequest, TranslationOptions options) {
        return new ChatToResponsesStream(responsesRequest, options);
    }

    /** The stream translator for an Anthropic provider's stream: Anthropic events, then chat chunks, then these. */
    public static StreamTranslator streamFromAnthropic(JsonNode responsesRequest, TranslationOptions options) {
        return StreamTranslator.chain(
                new AnthropicToOpenAiStream(true, options), new ChatToResponsesStream(responsesRequest, options));
    }

    private static java.util.List<String> merged(java.util.List<String> first, java.util.List<String> second) {
        Dropped all = new Dropped();
        first.forEach(all::add);
        second.forEach(all::add);
        return all.list();
    }

    private static void tools(RequestTranslation t) {
        ArrayNode tools = Json.arrayOrEmpty(t.source(), "tools", "tools");
        if (!tools.isEmpty()) {
            ArrayNode out = t.target().putArray("tools");
            for (int i = 0; i < tools.size(); i++) {
                String path = "tools[" + i + "]";
                ObjectNode tool = Json.requireObject(tools.get(i), path);
                String type = Json.text(tool, "type", path + ".type").orElse("");
                if (!type.equals("function")) {
                    throw Json.unsupported(path + ".type", "'" + type + "' is a built-in tool only OpenAI runs");
                }
                ObjectNode function = out.addObject().put("type", "function").putObject("function");
                for (String field : new String[] {"name", "description", "parameters", "strict"}) {
                    if (!Json.absent(tool, field)) {
                        function.set(field, tool.get(field));
                    }
                }
            }
        }
        JsonNode choice = t.source().get("tool_choice");
        if (choice == null || choice.isNull() || choice.isTextual()) {
            if (choice != null && choice.isTextual()) {
                t.target().set("tool_choice", choice);
            }
            return;
        }
        String type = Json.text(choice, "type", "tool_choice.type").orElse("");
        switch (type) {
            case "function" ->
                t.target()
                        .putObject("tool_choice")
                        .put("type", "function")
                        .putObject("function")
                        .put(
                                "name",
                                Json.text(choice, "name", "tool_choice.name")
                                        .orElseThrow(() -> Json.invalid("tool_choice.name", "is required")));
            case "allowed_tools" -> {
                ObjectNode allowed = t.target()
                        .putObject("tool_choice")
                        .put("type", "allowed_tools")
                        .putObject("allowed_tools");
                allowed.put(
                        "mode", Json.text(choice, "mode", "tool_choice.mode").orElse("auto"));
                ArrayNode names = allowed.putArray("tools");
                for (JsonNode tool : choice.path("tools")) {
                    names.addObject()
                            .put("type", "function")
                            .putObject("function")
                            .put("name", tool.path("name").asText());
                }
            }
            default -> throw Json.unsupported("tool_choice.type", "'" + type + "' is a built-in tool only OpenAI runs");
        }
    }

    private static void text(RequestTranslation t) {
        JsonNode text = t.source().path("text");
        Json.text(text, "verbosity", "text.verbosity").ifPresent(v -> t.target().put("verbosity", v));
        JsonNode format = text.path("format");
        String type = format.path("type").asText("text");
        switch (type) {
            case "text" -> {}
            case "json_object" -> t.target().putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = t.target()
                        .putObject("response_format")
                        .put("type", "json_schema")
                        .putObject("json_schema");
                for (String field : new String[] {"name", "description", "schema", "strict"}) {
                    if (!Json.absent(format, field)) {
                        schema.set(field, format.get(field));
                    }
                }
            }
            default -> throw Json.invalid("text.format.type", "is not one of text, json_object, json_schema");
        }
    }

    private static void otherField(String name, JsonNode value, Dropped dropped) {
        if (MAPPED.contains(name) || value.isNull()) {
            return;
        }
        String rejected = REJECTED.get(name);
        if (rejected != null && !(value.isBoolean() && !value.booleanValue())) {
            throw Json.unsupported(name, rejected);
        }
        if (rejected == null && !(value.isBoolean() && !value.booleanValue())) {
            dropped.add(name); // store, include, truncation, max_tool_calls...
        }
    }
}
