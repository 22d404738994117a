package com.llmgateway.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of one request (seed-spec section 14): tokens / 1,000,000 x price per direction, each rounded up to 4
 * decimals, and the total (their sum) rounded up again. Exact decimal arithmetic, no floating point.
 *
 * <p>Unknown stays unknown: a direction whose price or token count is missing has no amount ({@code null}), and then
 * the total is unknown too, because a sum that leaves out a direction would understate the bill. So a model priced
 * for input only gets an input cost, no output cost and no total, with the price source as resolved; a model with no
 * price at all is {@link Cost#UNPRICED}, never $0. Cached input tokens are part of the input tokens and are charged at
 * the input price (the spec has no cache price).
 */
public final class CostCalculator {
    /** Decimal places of the cost columns, {@code NUMERIC(18, 4)}. */
    public static final int SCALE = 4;

    private static final int PER_MILLION = 6;

    public Cost cost(TokenUsage usage, PriceQuote quote) {
        if (quote.source() == PriceSource.UNPRICED) {
            return Cost.UNPRICED;
        }
        TokenUsage tokens = usage == null ? TokenUsage.NONE : usage;
        BigDecimal input = amount(tokens.inputTokens(), quote.inputPrice());
        BigDecimal output = amount(tokens.outputTokens(), quote.outputPrice());
        BigDecimal total = input == null || output == null ? null : roundUp(input.add(output));
        return new Cost(input, output, total, quote.source());
    }

    private static BigDecimal amount(Long tokens, BigDecimal pricePerMillion) {
        if (tokens == null || pricePerMillion == null) {
            return null;
        }
        return roundUp(BigDecimal.valueOf(tokens).multiply(pricePerMillion).movePointLeft(PER_MILLION));
    }

    /** Up, as the original billed: a fraction of a hundredth of a cent is charged, not dropped. */
    private static BigDecimal roundUp(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.CEILING);
    }
}
