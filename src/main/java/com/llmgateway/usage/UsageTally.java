package com.llmgateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.protocol.Protocol;
import java.util.Map;

/**
 * The usage a provider reported so far, field by field. Streams report usage in pieces (Anthropic's
 * {@code message_start} then its cumulative {@code message_delta}), so each field keeps the last value seen.
 */
final class UsageTally {
    private enum Field {
        INPUT,
        OUTPUT,
        CACHE_READ,
        CACHE_WRITE,
        REASONING
    }

    /** Both providers' names, keyed by their path inside a {@code usage} object. */
    private static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("prompt_tokens", Field.INPUT),
            Map.entry("input_tokens", Field.INPUT),
            Map.entry("completion_tokens", Field.OUTPUT),
            Map.entry("output_tokens", Field.OUTPUT),
            Map.entry("prompt_tokens_details.cached_tokens", Field.CACHE_READ),
            Map.entry("input_tokens_details.cached_tokens", Field.CACHE_READ),
            Map.entry("cache_read_input_tokens", Field.CACHE_READ),
            Map.entry("cache_creation_input_tokens", Field.CACHE_WRITE),
            Map.entry("completion_tokens_details.reasoning_tokens", Field.REASONING),
            Map.entry("output_tokens_details.reasoning_tokens", Field.REASONING));

    private final Long[] values = new Long[Field.values().length];

    /** Records {@code value} for the usage member at {@code path} (such as {@code "prompt_tokens"}); others are ignored. */
    void put(String path, long value) {
        Field field = FIELDS.get(path);
        if (field != null && value >= 0) {
            values[field.ordinal()] = value;
        }
    }

    /** Takes every known count from a {@code usage} object; anything else (null, absent, a string) is ignored. */
    void merge(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : usage.properties()) {
            JsonNode value = member.getValue();
            if (value.isObject()) {
                for (Map.Entry<String, JsonNode> detail : value.properties()) {
                    putNumber(member.getKey() + "." + detail.getKey(), detail.getValue());
                }
            } else {
                putNumber(member.getKey(), value);
            }
        }
    }

    private void putNumber(String path, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            put(path, value.longValue());
        }
    }

    /**
     * What was reported, in {@link TokenUsage}'s terms. Anthropic's {@code input_tokens} leaves out the tokens read
     * from and written to its prompt cache (its docs: total input = input + cache read + cache creation), while
     * OpenAI's {@code prompt_tokens} includes its cached tokens; input is made to include them in both.
     */
    TokenUsage toUsage(Protocol upstreamProtocol) {
        Long input = get(Field.INPUT);
        Long cacheRead = get(Field.CACHE_READ);
        Long cacheWrite = get(Field.CACHE_WRITE);
        if (input != null && upstreamProtocol == Protocol.ANTHROPIC) {
            input += orZero(cacheRead) + orZero(cacheWrite);
        }
        return new TokenUsage(input, get(Field.OUTPUT), cacheRead, cacheWrite, get(Field.REASONING));
    }

    private Long get(Field field) {
        return values[field.ordinal()];
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
