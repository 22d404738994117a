package com.llmgateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.llmgateway.protocol.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Input tokens of a request, counted before it is forwarded (seed-spec section 8, "Input tokens"). Only
 * {@code body.messages} counts; the counting rule follows the client's protocol. Never throws on odd bodies: values of
 * the wrong type simply count nothing.
 */
public final class InputTokenCounter {
    /** Lazy, so an encoding's vocabulary is loaded on its first use only; thread-safe. */
    private static final EncodingRegistry ENCODINGS = Encodings.newLazyEncodingRegistry();

    // OpenAI's published recipe for chat models ("How to count tokens with tiktoken").
    private static final int TOKENS_PER_MESSAGE = 4;
    private static final int TOKENS_PER_NAME = -1;
    private static final int REPLY_PRIMING = 3;

    // A whole prompt's estimate (promptEstimate): what OpenAI's recipe leaves out, priced generously.
    private static final int TOKENS_PER_TOOL = 8;
    private static final int TOKENS_PER_IMAGE = 1600;

    // Anthropic has no public tokenizer; the seed estimated four characters per token.
    private static final int CHARS_PER_TOKEN = 4;
    private static final int ANTHROPIC_TOKENS_PER_MESSAGE = 4;

    /** Model-name prefixes in the order they are tried; the more specific gpt-4 families come first. */
    private static final List<Map.Entry<String, EncodingType>> PREFIXES = List.of(
            Map.entry("gpt-4o", EncodingType.O200K_BASE),
            Map.entry("gpt-4.1", EncodingType.O200K_BASE),
            Map.entry("gpt-5", EncodingType.O200K_BASE),
            Map.entry("o1", EncodingType.O200K_BASE),
            Map.entry("o3", EncodingType.O200K_BASE),
            Map.entry("o4", EncodingType.O200K_BASE),
            Map.entry("gpt-4", EncodingType.CL100K_BASE),
            Map.entry("gpt-3.5-turbo", EncodingType.CL100K_BASE),
            Map.entry("text-embedding-", EncodingType.CL100K_BASE),
            Map.entry("text-davinci-003", EncodingType.P50K_BASE));

    private InputTokenCounter() {}

    /** Input tokens of {@code body} as a client speaking {@code clientProtocol} sent it for {@code model}. */
    public static int count(Protocol clientProtocol, String model, JsonNode body) {
        JsonNode messages = body == null ? null : body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return 0;
        }
        return switch (clientProtocol) {
            case OPENAI -> openAi(encoding(model), messages);
            case ANTHROPIC -> anthropic(messages);
        };
    }

    /**
     * All the input tokens of a Chat Completions request for {@code model}, as a provider would bill them, estimated
     * generously: every string of every message (content parts, tool calls and their arguments, names), each message's
     * overhead, each tool's definition as JSON, and {@value #TOKENS_PER_IMAGE} tokens per image or file (the most an
     * image costs on Anthropic; its size is not known here). Meant for answering a token count without the provider,
     * where counting too few would let a client overfill its context. CPU work: not on an event loop.
     */
    public static long promptEstimate(JsonNode chatRequest, String model) {
        Encoding encoding = encoding(model);
        long tokens = 0;
        JsonNode messages = chatRequest.path("messages");
        for (JsonNode message : messages) {
            tokens += TOKENS_PER_MESSAGE + allStrings(encoding, message);
        }
        for (JsonNode tool : chatRequest.path("tools")) {
            tokens += TOKENS_PER_TOOL + ordinaryTokens(encoding, tool.toString());
        }
        return messages.isEmpty() ? tokens : tokens + REPLY_PRIMING;
    }

    /** Every string below {@code node}; an image or file part counts {@value #TOKENS_PER_IMAGE} instead of its data. */
    private static long allStrings(Encoding encoding, JsonNode node) {
        if (node.isTextual()) {
            return ordinaryTokens(encoding, node.textValue());
        }
        String type = node.path("type").asText("");
        if (node.isObject() && (type.equals("image_url") || type.equals("file") || type.equals("input_audio"))) {
            return TOKENS_PER_IMAGE;
        }
        long tokens = 0;
        for (JsonNode child : node) {
            tokens += allStrings(encoding, child);
        }
        return tokens;
    }

    /** The tokenizer for a model name (see {@link #encodingFor}); loaded on first use. */
    static Encoding encoding(String model) {
        return ENCODINGS.getEncoding(encodingFor(model));
    }

    /** The tiktoken encoding for a model name, by prefix; cl100k_base when nothing matches. */
    static EncodingType encodingFor(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, EncodingType> prefix : PREFIXES) {
            if (name.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return EncodingType.CL100K_BASE;
    }

    /** Entries that are not objects are not messages; a list with no message at all counts as empty. */
    private static int openAi(Encoding encoding, JsonNode messages) {
        int tokens = 0;
        boolean any = false;
        for (JsonNode message : messages) {
            if (message.isObject()) {
                tokens += openAiMessage(encoding, message);
                any = true;
            }
        }
        return any ? tokens + REPLY_PRIMING : 0;
    }

    private static int openAiMessage(Encoding encoding, JsonNode message) {
        int tokens = TOKENS_PER_MESSAGE;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            tokens += textTokens(encoding, field.getValue());
            if (field.getKey().equals("name")) {
                tokens += TOKENS_PER_NAME;
            }
        }
        return tokens;
    }

    /** A string value, or the {@code text} of each part of a list value; nested objects and numbers count 0. */
    private static int textTokens(Encoding encoding, JsonNode value) {
        if (value.isTextual()) {
            return ordinaryTokens(encoding, value.textValue());
        }
        int tokens = 0;
        if (value.isArray()) {
            for (JsonNode part : value) {
                if (part.path("text").isTextual()) {
                    tokens += ordinaryTokens(encoding, part.get("text").textValue());
                }
            }
        }
        return tokens;
    }

    /** Special-token text such as "<|endoftext|>" in a prompt is counted as plain text rather than refused. */
    private static int ordinaryTokens(Encoding encoding, String text) {
        return encoding.countTokensOrdinary(text);
    }

    private static int anthropic(JsonNode messages) {
        int tokens = 0;
        for (JsonNode message : messages) {
            if (message.isObject()) {
                tokens += ANTHROPIC_TOKENS_PER_MESSAGE + estimate(message.get("role")) + contentEstimate(message);
            }
        }
        return tokens;
    }

    private static int contentEstimate(JsonNode message) {
        JsonNode content = message.path("content");
        if (!content.isArray()) {
            return estimate(content);
        }
        int tokens = 0;
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").textValue())) {
                tokens += estimate(part.get("text"));
            }
        }
        return tokens;
    }

    /** len(text) // 4, with Python's len counting code points; non-strings count 0. */
    private static int estimate(JsonNode text) {
        if (text == null || !text.isTextual()) {
            return 0;
        }
        return estimate(text.textValue());
    }

    /** The documented Anthropic estimate for a text: len(text) // 4, with len counting code points. */
    static int estimate(String text) {
        return text.codePointCount(0, text.length()) / CHARS_PER_TOKEN;
    }
}
