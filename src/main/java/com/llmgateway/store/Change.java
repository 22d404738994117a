package com.llmgateway.store;

import java.util.Optional;

/**
 * What a partial update does to one nullable column: leave it alone ({@link #keep()}), or set it to a value or to
 * null ({@link #to(Optional)}). Non-nullable columns use a plain {@link Optional} instead.
 */
public record Change<T>(boolean isSet, Optional<T> value) {
    private static final Change<?> KEEP = new Change<>(false, Optional.empty());

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    public static <T> Change<T> to(Optional<T> value) {
        return new Change<>(true, value);
    }
}
