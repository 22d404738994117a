package com.llmgateway.store;

/**
 * Aggregates over a set of request log rows: the summary, one trend bucket, or one model, provider or key. Additive:
 * {@link #plus} of two disjoint sets is the totals of their union, so one row's totals summed give any group's.
 *
 * @param errorCount rows that did not succeed: a status outside 200-399 (or none, when the client left first), or an
 *     error text such as {@code client_disconnected} or a stream broken off after its 200
 * @param retryCount failed attempts summed over the rows
 * @param estimatedCount rows whose tokens were counted locally because the provider reported none
 * @param tokens sums; rows without a count add nothing
 * @param timedCount rows with a total time; {@code totalTimeMs} is their sum
 * @param firstByteCount rows with a first-byte time; {@code firstByteMs} is their sum
 */
public record LogTotals(
        long requestCount,
        long errorCount,
        long retryCount,
        long estimatedCount,
        LogTokens tokens,
        LogCosts costs,
        long timedCount,
        long totalTimeMs,
        long firstByteCount,
        long firstByteMs) {

    public static final LogTotals EMPTY =
            new LogTotals(0, 0, 0, 0, new LogTokens(0L, 0L, 0L, 0L, 0L), LogCosts.NONE, 0, 0, 0, 0);

    public long successCount() {
        return requestCount - errorCount;
    }

    /** Input plus output tokens. */
    public long totalTokens() {
        return tokens.input() + tokens.output();
    }

    /** Null when no row has a total time. */
    public Double avgTotalTimeMs() {
        return timedCount == 0 ? null : (double) totalTimeMs / timedCount;
    }

    /** Null when no row has a first-byte time. */
    public Double avgFirstByteMs() {
        return firstByteCount == 0 ? null : (double) firstByteMs / firstByteCount;
    }

    public LogTotals plus(LogTotals other) {
        return new LogTotals(
                requestCount + other.requestCount,
                errorCount + other.errorCount,
                retryCount + other.retryCount,
                estimatedCount + other.estimatedCount,
                new LogTokens(
                        tokens.input() + other.tokens.input(),
                        tokens.output() + other.tokens.output(),
                        tokens.cacheRead() + other.tokens.cacheRead(),
                        tokens.cacheWrite() + other.tokens.cacheWrite(),
                        tokens.reasoning() + other.tokens.reasoning()),
                costs.plus(other.costs),
                timedCount + other.timedCount,
                totalTimeMs + other.totalTimeMs,
                firstByteCount + other.firstByteCount,
                firstByteMs + other.firstByteMs);
    }
}
