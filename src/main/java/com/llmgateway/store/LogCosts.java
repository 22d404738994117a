package com.llmgateway.store;

import java.math.BigDecimal;

/**
 * Summed costs in USD. Only known costs are summed: an amount is null when no row had one, never a made-up zero, and
 * rows without a price are counted in {@code unpricedCount} instead.
 *
 * @param pricedCount rows with a known cost
 * @param unpricedCount rows whose model had no price ({@code price_source = 'unpriced'})
 */
public record LogCosts(BigDecimal input, BigDecimal output, BigDecimal total, long pricedCount, long unpricedCount) {
    public static final LogCosts NONE = new LogCosts(null, null, null, 0, 0);

    LogCosts plus(LogCosts other) {
        return new LogCosts(
                LogTotals.sum(input, other.input),
                LogTotals.sum(output, other.output),
                LogTotals.sum(total, other.total),
                pricedCount + other.pricedCount,
                unpricedCount + other.unpricedCount);
    }
}
