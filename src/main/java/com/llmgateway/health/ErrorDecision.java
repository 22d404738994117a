package com.llmgateway.health;

/** What the exchange does after a failed attempt, per {@link ErrorPolicy}. */
public enum ErrorDecision {
    /**
     * Try the same provider again after {@code RETRY_DELAY_MS}, until its {@code RETRY_MAX_ATTEMPTS} calls are used;
     * then fail over. The original's rule for transport errors, timeouts and 5xx.
     */
    RETRY_SAME_PROVIDER("retry_same_provider"),
    /** Move at once to the next untried candidate in priority order; the last failure is relayed if none is left. */
    FAIL_OVER("fail_over"),
    /** Stop: relay this failure to the client (or the gateway's error if there is no response) without other providers. */
    RETURN_TO_CLIENT("return_to_client");

    private final String wireName;

    ErrorDecision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static ErrorDecision fromWireName(String name) {
        for (ErrorDecision decision : values()) {
            if (decision.wireName.equals(name)) {
                return decision;
            }
        }
        return null;
    }
}
