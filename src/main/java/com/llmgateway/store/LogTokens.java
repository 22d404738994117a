package com.llmgateway.store;

/** The token counts of one logged request; each is null when it was not recorded. */
public record LogTokens(Long input, Long output, Long cacheRead, Long cacheWrite, Long reasoning) {}
