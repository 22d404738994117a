package com.llmgateway.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One request log row as the log list shows it: who, which model, which provider, how long, how many retries and tokens,
 * what it cost. No headers, bodies or error text (seed-spec section 9.6). Boxed components are null when the row has
 * no value (a request refused before routing has no provider, for instance).
 *
 * @param totalCost null when unknown; see {@code priceSource}
 * @param priceSource where the price came from, or {@code unpriced}
 * @param usageSource {@code provider} or {@code estimate}
 */
public record LogEntry(
        long id,
        Instant requestTime,
        Long apiKeyId,
        String apiKeyName,
        String requestedModel,
        String targetModel,
        Long providerId,
        String providerName,
        int retryCount,
        Integer matchedProviderCount,
        Long firstByteDelayMs,
        Long totalTimeMs,
        LogTokens tokens,
        Integer responseStatus,
        String traceId,
        boolean stream,
        String endpoint,
        String usageSource,
        BigDecimal totalCost,
        String priceSource) {}
