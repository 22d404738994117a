package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.protocol.GatewayException;
import java.util.Set;

/**
 * An Anthropic Messages client talking to an OpenAI Chat Completions provider: the request goes out as OpenAI's, the
 * response comes back as Anthropic's. Streams: {@link OpenAiToAnthropicStream}. Every field's handling is in {@code
 * docs/translation.md}.
 */
public final class MessagesToChat {
    private static final Set<String> MAPPED = Set.of(
            "model",
            "messages",
            "system",
            "max_tokens",
            "stop_sequences",
            "temperature",
            "top_p",
            "stream",
            "metadata",
            "tools",
            "tool_choice",
            "thinking",
            "output_config");

    private MessagesToChat() {}

    /**
     * The OpenAI request for an Anthropic messages request. A streamed request also asks for the usage chunk
     * ({@code stream_options.include_usage}), without which Anthropic's closing {@code message_delta} would have no
     * token counts.
     *
     * @throws GatewayException a 400 naming the field when the request cannot be translated
     */
    public static Translated request(JsonNode messagesBody, TranslationOptions options) {
        RequestTranslation t = RequestTranslation.of(Json.requireObject(messagesBody, "body"), options);
        ObjectNode anthropic = t.source();
        ObjectNode out = t.target();
        Dropped dropped = t.dropped();
        Json.text(anthropic, "model", "model").ifPresent(model -> out.put("model", model));
        out.set(
                "messages",
                AnthropicMessagesToChat.convert(
                        anthropic.get("system"),
                        Json.arrayOrEmpty(anthropic, "messages", "messages"),
                        options,
                        dropped));
        generation(t);
        Json.text(anthropic.path("metadata"), "user_id", "metadata.user_id").ifPresent(id -> out.put("user", id));
        ArrayNode tools = Json.arrayOrEmpty(anthropic, "tools", "tools");
        if (!tools.isEmpty()) {
            out.set("tools", ToolTranslation.toOpenAiTools(tools, dropped));
        }
        if (!Json.absent(anthropic, "tool_choice")) {
            ToolTranslation.toOpenAiToolChoice(anthropic.get("tool_choice"), out);
        }
        ReasoningTranslation.toOpenAi(t);
        responseFormat(anthropic, out);
        for (var field : anthropic.properties()) {
            if (!MAPPED.contains(field.getKey()) && !field.getValue().isNull()) {
                dropped.add(field.getKey());
            }
        }
        return t.result();
    }

    /**
     * An OpenAI {@code chat.completion} as an Anthropic message.
     *
     * @param options not needed by this direction today; taken so that both directions are called alike
     */
    public static Translated response(JsonNode chatCompletion, TranslationOptions options) {
        return ChatCompletionToMessage.message(chatCompletion);
    }

    /** The output limit, stop sequences, sampling and streaming, which mean the same on both sides. */
    private static void generation(RequestTranslation t) {
        ObjectNode anthropic = t.source();
        ObjectNode out = t.target();
        JsonNode maxTokens = anthropic.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.canConvertToLong()) {
                throw Json.invalid("max_tokens", "must be an integer");
            }
            out.put(t.options().maxTokensField().wireName(), maxTokens.longValue());
        }
        ArrayNode stop = Json.arrayOrEmpty(anthropic, "stop_sequences", "stop_sequences");
        if (!stop.isEmpty()) {
            out.set("stop", stop);
        }
        for (String field : new String[] {"temperature", "top_p"}) {
            if (!Json.absent(anthropic, field)) {
                out.set(field, anthropic.get(field));
            }
        }
        if (anthropic.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
    }

    /**
     * Anthropic's structured output is always enforced, so it becomes a strict OpenAI {@code json_schema}; the schema
     * needs a name on the OpenAI side and gets {@code response}.
     */
    private static void responseFormat(ObjectNode anthropic, ObjectNode out) {
        JsonNode format = anthropic.path("output_config").path("format");
        if (format.isMissingNode() || format.isNull()) {
            return;
        }
        String type = Json.text(format, "type", "output_config.format.type").orElse("");
        if (!type.equals("json_schema")) {
            throw Json.invalid("output_config.format.type", "is not json_schema");
        }
        ObjectNode schema = Json.requireObject(format.get("schema"), "output_config.format.schema");
        ObjectNode jsonSchema =
                out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        jsonSchema.put("name", "response");
        jsonSchema.set("schema", schema);
        jsonSchema.put("strict", true);
    }
}
