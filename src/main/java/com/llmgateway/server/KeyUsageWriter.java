package com.llmgateway.server;

import com.llmgateway.proxy.KeyUsageRecorder;
import com.llmgateway.store.ApiKeyStore;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code api_keys.last_used_at} every few seconds from what the proxy recorded in memory, on a worker thread,
 * so authentication never touches the database. A failed write is logged and its times are dropped: a later use
 * writes a newer time anyway.
 */
final class KeyUsageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyUsageWriter.class);

    private final KeyUsageRecorder recorder;
    private final ApiKeyStore store;
    private final Vertx vertx;
    private final long timerId;

    KeyUsageWriter(Vertx vertx, KeyUsageRecorder recorder, ApiKeyStore store, long periodMs) {
        this.vertx = vertx;
        this.recorder = recorder;
        this.store = store;
        this.timerId = vertx.setPeriodic(
                periodMs,
                id -> vertx.executeBlocking(
                        () -> {
                            flushNow();
                            return null;
                        },
                        false));
    }

    /** Blocking: writes what has been recorded since the last flush. */
    void flushNow() {
        try {
            recorder.flushTo(store::touchLastUsed);
        } catch (RuntimeException e) {
            LOG.warn("Could not write api_keys.last_used_at: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
        flushNow();
    }
}
