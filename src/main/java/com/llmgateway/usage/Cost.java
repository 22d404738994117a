package com.llmgateway.usage;

import java.math.BigDecimal;

/**
 * The cost of one request in USD. Amounts are {@code null} when unknown (no price, or no token count), never a made-up
 * zero.
 */
public record Cost(BigDecimal inputCost, BigDecimal outputCost, BigDecimal totalCost, PriceSource priceSource) {
    public static final Cost UNPRICED = new Cost(null, null, null, PriceSource.UNPRICED);
}
