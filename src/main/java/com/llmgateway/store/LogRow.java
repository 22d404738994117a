package com.llmgateway.store;

import java.math.BigDecimal;

/**
 * One {@code request_logs} row as written (every column but the generated {@code id}), built from a finished exchange
 * by {@code LogRows}. {@code null} means "not known" or "not applicable", never zero. Times are epoch milliseconds; the
 * JSON columns ({@code request_headers}, {@code attempts}, a stream's {@code response_body}) are text.
 *
 * <p>Also the line format of the writer's spill file (one row as JSON per line), so renaming a component changes that
 * format: rows spilled by an older version would then lose that column when replayed.
 *
 * @param requestTime when the gateway received the request
 * @param requestHeaders the client's headers as a JSON object, credentials masked
 * @param requestBody the client's body as sent, at most {@code LOG_BODY_MAX_BYTES} of it
 * @param responseStatus the status the client received; {@code null} when it left before any
 * @param responseBody a non-stream body (at most {@code LOG_BODY_MAX_BYTES}), or a stream's JSON summary
 * @param attempts the failover path as a JSON list, one object per upstream call
 * @param usageSource {@code provider}, {@code estimate} or {@code none}
 * @param priceSource {@code SupplierOverride}, {@code ModelFallback} or {@code unpriced}
 */
public record LogRow(
        long requestTime,
        Long apiKeyId,
        String apiKeyName,
        String requestedModel,
        String targetModel,
        Long providerId,
        String providerName,
        int retryCount,
        int matchedProviderCount,
        Long firstByteDelayMs,
        Long totalTimeMs,
        Long inputTokens,
        Long outputTokens,
        String requestHeaders,
        String requestBody,
        Integer responseStatus,
        String responseBody,
        String errorInfo,
        String traceId,
        boolean stream,
        String endpoint,
        String attempts,
        String usageSource,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long reasoningTokens,
        BigDecimal inputCost,
        BigDecimal outputCost,
        BigDecimal totalCost,
        String priceSource,
        boolean requestBodyTruncated,
        boolean responseBodyTruncated) {}
