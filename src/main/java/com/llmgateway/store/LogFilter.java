package com.llmgateway.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which request log rows a list or a statistic covers (seed-spec section 9.6). Every part is optional and they combine
 * with AND.
 *
 * @param start rows received at or after this
 * @param end rows received at or before this
 * @param requestedModel case-insensitive substring of {@code requested_model}
 * @param targetModel case-insensitive substring of {@code target_model}
 * @param apiKeyName case-insensitive substring of {@code api_key_name}
 * @param providerId exactly this provider
 * @param apiKeyId exactly this gateway key
 * @param status inclusive range of {@code response_status}
 * @param retryCount inclusive range of {@code retry_count}
 * @param inputTokens inclusive range of {@code input_tokens}
 * @param totalTimeMs inclusive range of {@code total_time_ms}
 * @param hasError true: {@code error_info} is set and not empty; false: it is null or empty
 */
public record LogFilter(
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<String> requestedModel,
        Optional<String> targetModel,
        Optional<String> apiKeyName,
        Optional<Long> providerId,
        Optional<Long> apiKeyId,
        LongRange status,
        LongRange retryCount,
        LongRange inputTokens,
        LongRange totalTimeMs,
        Optional<Boolean> hasError) {

    public static final LogFilter ALL = new LogFilter(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            LongRange.ANY,
            LongRange.ANY,
            LongRange.ANY,
            LongRange.ANY,
            Optional.empty());

    /** Only the filters the statistics take (seed-spec section 14): time range, model, provider and key. */
    public static LogFilter forStats(
            Optional<Instant> start,
            Optional<Instant> end,
            Optional<String> requestedModel,
            Optional<Long> providerId,
            Optional<Long> apiKeyId,
            Optional<String> apiKeyName) {
        return new LogFilter(
                start,
                end,
                requestedModel,
                Optional.empty(),
                apiKeyName,
                providerId,
                apiKeyId,
                LongRange.ANY,
                LongRange.ANY,
                LongRange.ANY,
                LongRange.ANY,
                Optional.empty());
    }

    /** The SQL conditions; every value is bound, none is written into the text. */
    Where where() {
        Where where = new Where()
                .atLeast("request_time", start.map(Instant::toEpochMilli))
                .atMost("request_time", end.map(Instant::toEpochMilli))
                .containsIgnoringCase("requested_model", requestedModel)
                .containsIgnoringCase("target_model", targetModel)
                .containsIgnoringCase("api_key_name", apiKeyName)
                .equal("provider_id", providerId)
                .equal("api_key_id", apiKeyId);
        range(where, "response_status", status);
        range(where, "retry_count", retryCount);
        range(where, "input_tokens", inputTokens);
        range(where, "total_time_ms", totalTimeMs);
        // Not "not null OR not empty", which matched almost every row in the original (seed-spec section 13.3).
        hasError.ifPresent(errors -> where.condition(
                errors ? "error_info IS NOT NULL AND error_info <> ''" : "error_info IS NULL OR error_info = ''"));
        return where;
    }

    private static void range(Where where, String column, LongRange range) {
        where.atLeast(column, range.min()).atMost(column, range.max());
    }
}
