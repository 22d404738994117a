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
        ObjectNode chat = Json.requireObject(chatBody, "body");
        Dropped dropped = new Dropped();
        ObjectNode out = Json.object();
        Json.text(chat, "model", "model").ifPresent(model -> out.put("model", model));
        checkSingleTextChoice(chat);
        ChatMessagesToAnthropic.Result conversation =
                ChatMessagesToAnthropic.convert(Json.arrayOrEmpty(chat, "messages", "messages"), dropped);
        OptionalInt clientLimit = clientMaxTokens(chat);
        out.put("max_tokens", clientLimit.orElse(options.defaultMaxTokens()));
        if (conversation.system() != null) {
            out.set("system", conversation.system());
        }
        out.set("messages", conversation.messages());
        stopSequences(chat, out);
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        metadata(chat, out, dropped);
        tools(chat, out, dropped);
        responseFormat(chat, out, dropped);
        boolean thinking = ReasoningTranslation.toAnthropic(chat, out, clientLimit, conversation, options, dropped);
        sampling(chat, out, options, thinking, dropped);
        for (var field : chat.properties()) {
            otherField(field.getKey(), field.getValue(), dropped);
        }
        return new Translated(out, dropped.list());
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

    private static void stopSequences(ObjectNode chat, ObjectNode out) {
        JsonNode stop = chat.get("stop");
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = out.putArray("stop_sequences");
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
    private static void sampling(
            ObjectNode chat, ObjectNode out, TranslationOptions options, boolean thinking, Dropped dropped) {
        for (String field : new String[] {"temperature", "top_p"}) {
            JsonNode value = chat.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isNumber()) {
                throw Json.invalid(field, "must be a number");
            }
            double number = value.doubleValue();
            boolean refusedWithThinking = thinking && (field.equals("temperature") ? number != 1.0 : number < 0.95);
            if (!options.forwardSamplingParameters() || refusedWithThinking) {
                dropped.add(field);
            } else if (number > 1.0) {
                dropped.add(field);
                out.put(field, 1.0);
            } else {
                out.set(field, value);
            }
        }
    }

    private static void metadata(ObjectNode chat, ObjectNode out, Dropped dropped) {
        var user = Json.text(chat, "user", "user");
        var safety = Json.text(chat, "safety_identifier", "safety_identifier");
        if (user.isPresent() && safety.isPresent()) {
            dropped.add("safety_identifier");
        }
        user.or(() -> safety).ifPresent(id -> out.putObject("metadata").put("user_id", id));
    }

    private static void tools(ObjectNode chat, ObjectNode out, Dropped dropped) {
        ArrayNode tools = Json.arrayOrEmpty(chat, "tools", "tools");
        if (!tools.isEmpty()) {
            out.set("tools", ToolTranslation.toAnthropicTools(tools));
        }
        // parallel_tool_calls alone means nothing without tools; Anthropic rejects a tool_choice it cannot apply.
        JsonNode parallel = tools.isEmpty() ? null : chat.get("parallel_tool_calls");
        ToolTranslation.toAnthropicToolChoice(chat.get("tool_choice"), parallel, dropped)
                .ifPresent(choice -> out.set("tool_choice", choice));
    }

    /**
     * {@code json_schema} is Anthropic's structured output ({@code output_config.format}); its {@code name} is only a
     * label and Anthropic's format is always strict. {@code json_object} has no Anthropic form and is dropped: OpenAI
     * requires such a prompt to ask for JSON itself, so the model is still asked for JSON.
     */
    private static void responseFormat(ObjectNode chat, ObjectNode out, Dropped dropped) {
        JsonNode format = chat.get("response_format");
        if (format == null || format.isNull()) {
            return;
        }
        String type = Json.text(Json.requireObject(format, "response_format"), "type", "response_format.type")
                .orElse("");
        switch (type) {
            case "text" -> {}
            case "json_object" -> dropped.add("response_format");
            case "json_schema" -> {
                ObjectNode jsonSchema = Json.requireObject(format.get("json_schema"), "response_format.json_schema");
                ObjectNode schema = Json.requireObject(jsonSchema.get("schema"), "response_format.json_schema.schema");
                if (!Json.absent(jsonSchema, "description")) {
                    dropped.add("response_format.json_schema.description");
                }
                ReasoningTranslation.outputConfig(out)
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
