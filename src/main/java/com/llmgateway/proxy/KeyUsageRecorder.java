package com.llmgateway.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Remembers when each gateway key was last used, for {@code api_keys.last_used_at}, without touching the database on
 * the request path. {@link #drain()} hands the collected times to a periodic writer.
 *
 * <p>Bounded by the number of keys: one entry per key, overwritten by later uses.
 */
public final class KeyUsageRecorder {
    private final ConcurrentHashMap<Long, Long> lastUsed = new ConcurrentHashMap<>();

    void record(long keyId, long epochMillis) {
        lastUsed.merge(keyId, epochMillis, Math::max);
    }

    /** Removes and returns what was recorded since the last drain. */
    public Map<Long, Long> drain() {
        Map<Long, Long> out = new java.util.HashMap<>();
        for (Long keyId : lastUsed.keySet()) {
            Long at = lastUsed.remove(keyId);
            if (at != null) {
                out.put(keyId, at);
            }
        }
        return out;
    }

    /** Drains into {@code sink} if there is anything to write. */
    public void flushTo(Consumer<Map<Long, Long>> sink) {
        Map<Long, Long> batch = drain();
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
