package com.llmgateway.usage;

/** Tokens and cost of one request, as the request log stores them. */
public record Accounting(TokenUsage usage, UsageSource usageSource, Cost cost) {
    public static final Accounting NONE = new Accounting(TokenUsage.NONE, UsageSource.NONE, Cost.UNPRICED);
}
