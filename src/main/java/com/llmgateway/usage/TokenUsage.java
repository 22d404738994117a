package com.llmgateway.usage;

/**
 * Token counts of one request. A {@code null} count means "not known" (not reported and not estimated), never zero.
 *
 * @param inputTokens prompt tokens, including cached ones
 * @param outputTokens completion tokens, including reasoning tokens
 * @param cacheReadTokens prompt tokens served from the provider's cache, where reported
 * @param cacheWriteTokens prompt tokens written to the provider's cache, where reported
 * @param reasoningTokens output tokens spent on reasoning, where reported
 */
public record TokenUsage(
        Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens, Long reasoningTokens) {

    public static final TokenUsage NONE = new TokenUsage(null, null, null, null, null);

    public boolean isEmpty() {
        return inputTokens == null && outputTokens == null;
    }
}
