package com.llmgateway.usage;

import java.math.BigDecimal;

/**
 * A pair of prices as configured on a model or a mapping, in USD per million tokens; either may be {@code null} (not
 * set).
 */
public record Prices(BigDecimal input, BigDecimal output) {
    public static final Prices NONE = new Prices(null, null);
}
