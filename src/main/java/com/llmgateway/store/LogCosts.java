package com.llmgateway.store;

import java.math.BigDecimal;

/**
 * Summed costs. Only known costs are summed: the amounts are null when no row had a known cost, never a made-up zero,
 * and rows without a price are counted in {@code unpricedCount} instead. Sums are kept exactly, in units of 1/10,000
 * USD (costs are stored with four decimals).
 *
 * @param pricedCount rows with a known cost
 * @param unpricedCount rows whose model had no price ({@code price_source = 'unpriced'})
 */
public record LogCosts(long inputUnits, long outputUnits, long totalUnits, long pricedCount, long unpricedCount) {
    public static final LogCosts NONE = new LogCosts(0, 0, 0, 0, 0);

    /** Four decimals of USD. */
    static final int SCALE = 4;

    public BigDecimal input() {
        return amount(inputUnits);
    }

    public BigDecimal output() {
        return amount(outputUnits);
    }

    public BigDecimal total() {
        return amount(totalUnits);
    }

    LogCosts plus(LogCosts other) {
        return new LogCosts(
                inputUnits + other.inputUnits,
                outputUnits + other.outputUnits,
                totalUnits + other.totalUnits,
                pricedCount + other.pricedCount,
                unpricedCount + other.unpricedCount);
    }

    private BigDecimal amount(long units) {
        return pricedCount == 0 ? null : BigDecimal.valueOf(units, SCALE);
    }
}
