package com.llmgateway.usage;

/** Which price a cost was computed with (seed-spec section 14), or that there was none. */
public enum PriceSource {
    /** The mapping's own price (per direction). */
    SUPPLIER_OVERRIDE("SupplierOverride"),
    /** The model's price. */
    MODEL_FALLBACK("ModelFallback"),
    /** No price is configured: the cost is unknown, not zero. */
    UNPRICED("unpriced");

    private final String column;

    PriceSource(String column) {
        this.column = column;
    }

    /** The value stored in {@code request_logs.price_source}. */
    public String column() {
        return column;
    }
}
