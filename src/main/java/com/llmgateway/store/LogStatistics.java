package com.llmgateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The statistics of seed-spec section 14 for one filter: the summary, the trend by time bucket, and the breakdowns by
 * requested model, by provider and by gateway key (largest request count first).
 *
 * @param totalTimeMs percentiles of the rows' total times; empty when none has one
 * @param firstByteMs percentiles of the rows' first-byte times; empty when none has one
 * @param trend oldest bucket first; with a start time, every bucket of the range is present, empty ones included
 */
public record LogStatistics(
        LogTotals summary,
        Optional<Percentiles> totalTimeMs,
        Optional<Percentiles> firstByteMs,
        List<Bucket> trend,
        List<Group> byModel,
        List<Group> byProvider,
        List<Group> byApiKey) {

    public LogStatistics {
        trend = List.copyOf(trend);
        byModel = List.copyOf(byModel);
        byProvider = List.copyOf(byProvider);
        byApiKey = List.copyOf(byApiKey);
    }

    /** Nearest-rank percentiles: the smallest value with at least p% of the values at or below it. */
    public record Percentiles(long p50, long p95) {}

    /** One trend bucket, named by the instant it starts. */
    public record Bucket(Instant start, LogTotals totals) {}

    /**
     * One model, provider or key. {@code id} is null for models (their name is the key) and for rows whose provider or
     * key was deleted since (the name recorded at the time remains).
     */
    public record Group(Long id, String name, LogTotals totals) {}
}
