package com.llmgateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one event at the start of a stream says about the call: still opening, content, or an error. Some providers
 * answer 200, open the stream, and then send an error as their first event (Anthropic's {@code overloaded_error}); a
 * gateway that holds the opening events can still fail over, and this tells it when to stop holding.
 *
 * <p>Opening events carry no content yet:
 *
 * <ul>
 *   <li>Anthropic: {@code message_start}, {@code ping}, {@code content_block_start} (Messages streaming docs: the first
 *       {@code content_block_delta} is the first content); {@code event: error} is an error.
 *   <li>OpenAI chat and completions: chunks whose choices carry no delta beyond the role (an empty {@code content},
 *       {@code null} fields) and no finish reason; a chunk with a top-level {@code error} object is an error.
 *   <li>OpenAI Responses: {@code response.created}, {@code response.in_progress}, {@code response.output_item.added},
 *       {@code response.content_part.added}; {@code error} and {@code response.failed} are errors.
 * </ul>
 *
 * Anything not recognised counts as content, so an unknown stream is passed on at once rather than held.
 */
public final class OpeningEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> ANTHROPIC_OPENING = Set.of("message_start", "ping", "content_block_start");
    private static final Set<String> RESPONSES_OPENING = Set.of(
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added");
    private static final Set<String> RESPONSES_ERRORS = Set.of("error", "response.failed");

    // Statuses an error event stands for: Anthropic's overloaded_error is its HTTP 529, a rate limit is a 429.
    private static final int OVERLOADED_ANTHROPIC = 529;
    private static final int OVERLOADED_OPENAI = 503;
    private static final int RATE_LIMITED = 429;
    private static final int OTHER_ERROR = 502;

    /** What an event tells. */
    public enum Kind {
        /** Nothing yet: the provider has started but sent no content. */
        OPENING,
        /** Content, an end marker, or anything not recognised: the stream is under way. */
        CONTENT,
        /** The provider reports an error instead of content. */
        ERROR
    }

    /**
     * An error event as an attempt's failure.
     *
     * @param status the HTTP status the error stands for: 529 (Anthropic) or 503 (OpenAI) when overloaded, 429 when
     *     rate limited, 502 otherwise
     * @param message the provider's message, or the event's data when it has none
     */
    public record StreamError(int status, String message) {}

    private OpeningEvents() {}

    public static Kind classify(Protocol protocol, SseEvent event) {
        return protocol == Protocol.ANTHROPIC ? anthropic(event) : openAi(event);
    }

    /** The error an {@link Kind#ERROR} event reports. */
    public static StreamError error(Protocol protocol, SseEvent event) {
        JsonNode data = parse(event.data());
        JsonNode error = errorObject(data);
        String type = text(error, "type") + " " + text(error, "code");
        String message = text(error, "message");
        return new StreamError(status(protocol, type), message.isEmpty() ? event.data() : message);
    }

    private static Kind anthropic(SseEvent event) {
        String type = event.event() != null ? event.event() : text(parse(event.data()), "type");
        if (type.equals("error")) {
            return Kind.ERROR;
        }
        return ANTHROPIC_OPENING.contains(type) ? Kind.OPENING : Kind.CONTENT;
    }

    private static Kind openAi(SseEvent event) {
        if ("error".equals(event.event())) {
            return Kind.ERROR;
        }
        JsonNode data = parse(event.data());
        if (!data.isObject()) {
            // [DONE], or something this gateway does not know: under way.
            return Kind.CONTENT;
        }
        if (data.path("error").isObject()) {
            return Kind.ERROR;
        }
        if (data.path("type").isTextual()) {
            String type = data.path("type").textValue();
            if (RESPONSES_ERRORS.contains(type)) {
                return Kind.ERROR;
            }
            return RESPONSES_OPENING.contains(type) ? Kind.OPENING : Kind.CONTENT;
        }
        return isOpeningChunk(data) ? Kind.OPENING : Kind.CONTENT;
    }

    /** A chat or completions chunk with nothing in it yet but the role. */
    private static boolean isOpeningChunk(JsonNode chunk) {
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) {
            return false;
        }
        if (choices.isEmpty()) {
            // The usage-only last chunk, or a provider's preamble (Azure's content-filter results): not worth holding.
            return false;
        }
        for (JsonNode choice : choices) {
            if (!isEmpty(choice.path("finish_reason")) || !isEmpty(choice.path("text"))) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : choice.path("delta").properties()) {
                if (!field.getKey().equals("role") && !isEmpty(field.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.textValue().isEmpty())
                || (value.isContainerNode() && value.isEmpty());
    }

    /** Where each shape keeps the error: {@code error}, {@code response.error}, or the event itself. */
    private static JsonNode errorObject(JsonNode data) {
        if (data.path("error").isObject()) {
            return data.path("error");
        }
        if (data.path("response").path("error").isObject()) {
            return data.path("response").path("error");
        }
        return data;
    }

    private static int status(Protocol protocol, String typeAndCode) {
        String lower = typeAndCode.toLowerCase(Locale.ROOT);
        if (lower.contains("overloaded")) {
            return protocol == Protocol.ANTHROPIC ? OVERLOADED_ANTHROPIC : OVERLOADED_OPENAI;
        }
        return lower.contains("rate_limit") ? RATE_LIMITED : OTHER_ERROR;
    }

    private static JsonNode parse(String data) {
        try {
            JsonNode node = JSON.readTree(data);
            return node == null ? JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : "";
    }
}
