package com.llmgateway.store;

import java.util.Optional;

/** An inclusive range of a numeric column; either end may be open. */
public record LongRange(Optional<Long> min, Optional<Long> max) {
    public static final LongRange ANY = new LongRange(Optional.empty(), Optional.empty());
}
