package com.llmgateway.usage;

/**
 * The token part of a request's accounting: the counts and where they come from.
 *
 * @param usage the counts ({@link TokenUsage#NONE} when there is nothing to count)
 * @param source {@link UsageSource#PROVIDER} when the provider reported them all, {@link UsageSource#ESTIMATE} when
 *     any count was made locally, {@link UsageSource#NONE} when nothing was counted
 */
public record TokenAccount(TokenUsage usage, UsageSource source) {
    public static final TokenAccount NONE = new TokenAccount(TokenUsage.NONE, UsageSource.NONE);
}
