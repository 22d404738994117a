package com.llmgateway.store;

/**
 * A write or lookup the store refused, as a value the admin API turns into a response: {@link Kind#NOT_FOUND} (404) or
 * {@link Kind#CONFLICT} (409), each with a stable code such as {@code provider_not_found} or {@code duplicate_name}.
 */
public final class StoreException extends RuntimeException {
    public enum Kind {
        NOT_FOUND,
        CONFLICT
    }

    private final Kind kind;
    private final String code;

    private StoreException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static StoreException notFound(String code, String message) {
        return new StoreException(Kind.NOT_FOUND, code, message);
    }

    public static StoreException conflict(String code, String message) {
        return new StoreException(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
