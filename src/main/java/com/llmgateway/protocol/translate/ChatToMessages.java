package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An OpenAI Chat Completions client talking to an Anthropic Messages provider: the request goes out as Anthropic's,
 * the response comes back as OpenAI's. Streams: {@link AnthropicToOpenAiStream}. Every field's handling is in {@code
 * docs/translation.md}.
 */
public final class ChatToMessages {
    /** Fields read explicitly below. */
    private static final Set<String> MAPPED = Set.of(
            "model",
            "messages",
            "max_tokens",
            "max_completion_tokens",
            "stop",
            "temperature",
            "top_p",
            "stream",
            "stream_options",
            "user",
            "safety_identifier",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "response_format",
            "reasoning_effort",
            "n",
            "modalities");

    /** Fields whose loss changes what the client gets back in a way it cannot notice: rejected with a 400. */
    private static final Map<String, String> REJECTED = Map.of(
            "audio", "Anthropic models produce no audio",
            "functions", "legacy functions; use tools",
            "function_call", "legacy function_call; use tool_choice");

    private ChatToMessages() {}

    /**
     * The Anthropic request for an OpenAI chat request.
     *
     * @throws GatewayException a 400 naming the field when the request cannot be translated
     */
    public static Translated request(JsonNode chatBody, TranslationOptions options) {
        RequestTranslation t = RequestTranslation.of(Json.requireObject(chatBody, "body"), options);
        ObjectNode chat = t.source();
        ObjectNode out = t.target();
        Json.text(chat, "model", "model").ifPresent(model -> out.put("model", model));
        checkSingleTextChoice(chat);
        ChatMessagesToAnthropic.Result conversation =
                ChatMessagesToAnthropic.convert(Json.arrayOrEmpty(chat, "messages", "messages"), t.dropped());
        OptionalInt clientLimit = clientMaxTokens(chat);
        out.put("max_tokens", clientLimit.orElse(options.defaultMaxTokens()));
        if (conversation.system() != null) {
            out.set("system", conversation.system());
        }
        out.set("messages", conversation.messages());
        stopSequences(t);
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        metadata(t);
        tools(t);
        responseFormat(t);
        boolean thinking =
                ReasoningTranslation.toAnthropic(t, clientLimit, conversation.lastAssistantToolUseLacksThinking());
        sampling(t, thinking);
        for (var field : chat.properties()) {
            otherField(field.getKey(), field.getValue(), t.dropped());
        }
        return t.result();
    }

    /** An Anthropic message as an OpenAI {@code chat.completion}. */
    public static Translated response(JsonNode anthropicMessage, TranslationOptions options) {
        return AnthropicMessageToChat.completion(anthropicMessage, options);
    }

    private static void checkSingleTextChoice(ObjectNode chat) {
        if (chat.path("n").isNumber() && chat.get("n").intValue() != 1) {
            throw Json.unsupported("n", "Anthropic returns one choice per request");
        }
        for (JsonNode modality : chat.path("modalities")) {
            if (!modality.asText().equals("text")) {
                throw Json.unsupported("modalities", "Anthropic models produce text only");
            }
        }
    }

    private static OptionalInt clientMaxTokens(ObjectNode chat) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = chat.get(field);
            if (value != null && !value.isNull()) {
                if (!value.canConvertToInt() || value.intValue() < 1) {
                    throw Json.invalid(field, "must be a positive integer");
                }
                return OptionalInt.of(value.intValue());
            }
        }
        return OptionalInt.empty();
    }

    private static void stopSequences(RequestTranslation t) {
        JsonNode stop = t.source().get("stop");
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = t.target().putArray("stop_sequences");
        if (stop.isTextual()) {
            sequences.add(stop);
        } else if (stop.isArray()) {
            stop.forEach(sequences::add);
        } else {
            throw Json.invalid("stop", "must be a string or an array of strings");
        }
    }

    /**
     * Anthropic's sampling range is 0..1 (OpenAI's temperature goes to 2, so higher values are clamped and listed);
     * with thinking on, Anthropic accepts neither a temperature nor a top_p below 0.95.
     */
    private static void sampling(RequestTranslation t, boolean thinking) {
        for (String field : new String[] {"temperature", "top_p"}) {
            JsonNode value = t.source().get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isNumber()) {
                throw Json.invalid(field, "must be a number");
            }
            double number = value.doubleValue();
            boolean refusedWithThinking = thinking && (field.equals("temperature") ? number != 1.0 : number < 0.95);
            if (!t.options().forwardSamplingParameters() || refusedWithThinking) {
                t.dropped().add(field);
            } else if (number > 1.0) {
                t.dropped().add(field);
                t.target().put(field, 1.0);
            } else {
                t.target().set(field, value);
            }
        }
    }

    private static void metadata(RequestTranslation t) {
        var user = Json.text(t.source(), "user", "user");
        var safety = Json.text(t.source(), "safety_identifier", "safety_identifier");
        if (user.isPresent() && safety.isPresent()) {
            t.dropped().add("safety_identifier");
        }
        user.or(() -> safety).ifPresent(id -> t.target().putObject("metadata").put("user_id", id));
    }

    private static void tools(RequestTranslation t) {
        ArrayNode tools = Json.arrayOrEmpty(t.source(), "tools", "tools");
        if (!tools.isEmpty()) {
            t.target().set("tools", ToolTranslation.toAnthropicTools(tools));
        }
        // parallel_tool_calls alone means nothing without tools; Anthropic rejects a tool_choice it cannot apply.
        JsonNode parallel = tools.isEmpty() ? null : t.source().get("parallel_tool_calls");
        ToolTranslation.toAnthropicToolChoice(t.source().get("tool_choice"), parallel, t.dropped())
                .ifPresent(choice -> t.target().set("tool_choice", choice));
    }

    /**
     * {@code json_schema} is Anthropic's structured output ({@code output_config.format}); its {@code name} is only a
     * label and Anthropic's format is always strict. {@code json_object} has no Anthropic form and is dropped: OpenAI
     * requires such a prompt to ask for JSON itself, so the model is still asked for JSON.
     */
    private static void responseFormat(RequestTranslation t) {
        JsonNode format = t.source().get("response_format");
        if (format == null || format.isNull()) {
            return;
        }
        String type = Json.text(Json.requireObject(format, "response_format"), "type", "response_format.type")
                .orElse("");
        switch (type) {
            case "text" -> {}
            case "json_object" -> t.dropped().add("response_format");
            case "json_schema" -> {
                ObjectNode jsonSchema = Json.requireObject(format.get("json_schema"), "response_format.json_schema");
                ObjectNode schema = Json.requireObject(jsonSchema.get("schema"), "response_format.json_schema.schema");
                if (!Json.absent(jsonSchema, "description")) {
                    t.dropped().add("response_format.json_schema.description");
                }
                ReasoningTranslation.outputConfig(t.target())
                        .putObject("format")
                        .put("type", "json_schema")
                        .set("schema", schema);
            }
            default -> throw Json.invalid("response_format.type", "is not one of text, json_object, json_schema");
        }
    }

    private static void otherField(String name, JsonNode value, Dropped dropped) {
        if (MAPPED.contains(name) || value.isNull()) {
            return;
        }
        String rejected = REJECTED.get(name);
        if (rejected != null) {
            throw Json.unsupported(name, rejected);
        }
        // A false flag asks for nothing (logprobs: false, store: false), so nothing is lost.
        if (!(value.isBoolean() && !value.booleanValue())) {
            dropped.add(name);
        }
    }
}
