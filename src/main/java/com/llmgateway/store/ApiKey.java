package com.llmgateway.store;

import java.time.Instant;
import java.util.Optional;

/** A row of {@code api_keys} as lists show it: the key itself is known only by its hash and its mask. */
public record ApiKey(
        long id, String keyName, String keyMask, boolean active, Instant createdAt, Optional<Instant> lastUsedAt) {

    /** A key just created, with its full value: the only time the value is available. */
    public record Created(ApiKey key, String keyValue) {
        @Override
        public String toString() {
            return "Created[key=" + key + ", keyValue=" + key.keyMask() + "]";
        }
    }

    /** A partial update; the key value itself can never be changed. */
    public record Patch(Optional<String> keyName, Optional<Boolean> active) {}
}
