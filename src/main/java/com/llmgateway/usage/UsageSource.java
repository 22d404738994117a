package com.llmgateway.usage;

/** Where a log row's token counts come from. */
public enum UsageSource {
    /** The provider reported them. */
    PROVIDER("provider"),
    /** The provider reported none; the gateway counted locally. */
    ESTIMATE("estimate"),
    /** Nothing to count (no response, or an endpoint that bills nothing). */
    NONE("none");

    private final String column;

    UsageSource(String column) {
        this.column = column;
    }

    /** The value stored in {@code request_logs.usage_source}. */
    public String column() {
        return column;
    }
}
