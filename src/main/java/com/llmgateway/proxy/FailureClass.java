package com.llmgateway.proxy;

import java.util.Optional;

/** Why an upstream attempt failed, coarse enough to be a metric label. */
public enum FailureClass {
    /** The provider answered 4xx. */
    HTTP_4XX("http_4xx"),
    /** The provider answered 5xx. */
    HTTP_5XX("http_5xx"),
    /** The provider answered another status that is not a success. */
    HTTP_OTHER("http_other"),
    /** No connection, or it broke before the response headers. */
    CONNECTION("connection"),
    /** No response headers within {@code HTTP_TIMEOUT}. */
    TIMEOUT("timeout"),
    /** The provider origin's connection pool and its wait queue were full. */
    POOL_FULL("pool_full");

    private final String label;

    FailureClass(String label) {
        this.label = label;
    }

    /** The lower-case name used in metrics. */
    public String label() {
        return label;
    }

    /**
     * The class of a finished attempt, empty when it succeeded. Transport failures carry the synthetic status that
     * {@link Failure} gives each kind, so the status alone tells them apart.
     */
    static Optional<FailureClass> of(int status, boolean transportFailure, boolean failed) {
        if (!failed) {
            return Optional.empty();
        }
        if (transportFailure) {
            return Optional.of(
                    switch (status) {
                        case Failure.TIMEOUT_STATUS -> TIMEOUT;
                        case Failure.POOL_FULL_STATUS -> POOL_FULL;
                        default -> CONNECTION;
                    });
        }
        if (status >= 500) {
            return Optional.of(HTTP_5XX);
        }
        return Optional.of(status >= 400 ? HTTP_4XX : HTTP_OTHER);
    }
}
