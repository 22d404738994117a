package com.llmgateway.usage;

import java.math.BigDecimal;

/**
 * The prices one request is charged at, per direction, in USD per million tokens, and where they came from (seed-spec
 * section 14). A {@code null} price means that direction has no price at all; a request is never charged a made-up $0.
 *
 * @param source {@link PriceSource#SUPPLIER_OVERRIDE} when at least one direction uses the mapping's own price, {@link
 *     PriceSource#MODEL_FALLBACK} when the priced directions all use the model's, {@link PriceSource#UNPRICED} exactly
 *     when neither direction has a price
 */
public record PriceQuote(BigDecimal inputPrice, BigDecimal outputPrice, PriceSource source) {
    public static final PriceQuote UNPRICED = new PriceQuote(null, null, PriceSource.UNPRICED);

    public PriceQuote {
        boolean noPrice = inputPrice == null && outputPrice == null;
        if (noPrice != (source == PriceSource.UNPRICED)) {
            throw new IllegalArgumentException(
                    "source " + source + " does not match prices " + inputPrice + "/" + outputPrice);
        }
    }

    /**
     * Each direction on its own: the mapping's price when it has one, else the model's. So a mapping may override only
     * the output price and still be charged the model's input price.
     */
    public static PriceQuote resolve(Prices mapping, Prices model) {
        BigDecimal input = mapping.input() != null ? mapping.input() : model.input();
        BigDecimal output = mapping.output() != null ? mapping.output() : model.output();
        if (input == null && output == null) {
            return UNPRICED;
        }
        boolean override = mapping.input() != null || mapping.output() != null;
        return new PriceQuote(input, output, override ? PriceSource.SUPPLIER_OVERRIDE : PriceSource.MODEL_FALLBACK);
    }
}
