package com.llmgateway.store;

import java.math.BigDecimal;

/**
 * Every column of one request log row. Text columns are as stored: {@code requestHeaders} and {@code attempts} are JSON
 * text, the bodies are JSON or any other text (possibly cut at the body limit, then marked truncated). Boxed or text
 * components are null when the row has no value.
 */
public record LogDetail(
        LogEntry entry,
        String requestHeaders,
        String requestBody,
        boolean requestBodyTruncated,
        String responseBody,
        boolean responseBodyTruncated,
        String errorInfo,
        String attempts,
        BigDecimal inputCost,
        BigDecimal outputCost) {}
