package com.llmgateway.health;

import java.util.Locale;

/** Where a circuit stands; only {@link #CLOSED} admits everyone, {@link #HALF_OPEN} admits one probe at a time. */
public enum HealthState {
    /** Healthy: every attempt goes through, and outcomes are counted in the rolling window. */
    CLOSED,
    /** Tripped by its error ratio: no attempts until the cooldown is over, then {@link #HALF_OPEN}. */
    OPEN,
    /** Cooldown over: exactly one probe attempt at a time; its success closes, its failure reopens for longer. */
    HALF_OPEN,
    /**
     * The provider asked us to wait (a 429, or a 503 with a retry hint): no attempts until exactly then, then
     * {@link #CLOSED} again without a probe, since the provider said when it would accept.
     */
    RATE_LIMITED,
    /** The provider refused our credential (401/403): no attempts until an operator edits the provider. */
    KEY_INVALID;

    /** The lower-case name for the admin API and metrics, e.g. {@code half_open}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
