package com.llmgateway.health;

/**
 * Why an attempt on a provider failed, as health and the error policy see it. The exchange classifies each failed
 * attempt once, with {@link #ofStatus} for upstream statuses.
 */
public enum FailureKind {
    /** No connection, a connect timeout, or the connection broke before the response headers. */
    TRANSPORT("transport"),
    /** Connected, but no response headers within the time-to-first-byte bound, or the body stalled. */
    TIMEOUT("timeout"),
    /** 400, 404, 413 or 422: the client's request is at fault, not the provider (issue 4, item 3). */
    CLIENT_ERROR("client_error"),
    /** Another 4xx (402, 408, 409, ...), or any other status that is not a success. */
    STATUS_4XX("other_4xx"),
    /** 429: rate limited. */
    STATUS_429("429"),
    /** 500 and above. */
    STATUS_5XX("5xx"),
    /** 401 or 403: the provider refused our credential. */
    AUTH("auth"),
    /** The gateway's own connection pool and wait queue for that origin were full; nothing was sent. */
    POOL_FULL("pool_full"),
    /** A 200 stream whose first event was an error (Anthropic's {@code overloaded_error}, for example). */
    STREAM_ERROR("stream_error");

    private final String wireName;

    FailureKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in policy JSON, after {@code on_}: {@code on_5xx}, {@code on_client_error}. */
    public String wireName() {
        return wireName;
    }

    /** The kind of a failed attempt that got a status from the provider. */
    public static FailureKind ofStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 429) {
            return STATUS_429;
        }
        if (isClientError(status)) {
            return CLIENT_ERROR;
        }
        return status >= 500 ? STATUS_5XX : STATUS_4XX;
    }

    /**
     * Bad request, not found, too large, unprocessable: another provider would refuse the same bytes. Everything else
     * in 4xx may be the provider's own state (402 billing, 408 its timeout, 409 conflict), so it is not listed.
     */
    static boolean isClientError(int status) {
        return status == 400 || status == 404 || status == 413 || status == 422;
    }
}
