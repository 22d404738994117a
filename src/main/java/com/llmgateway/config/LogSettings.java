package com.llmgateway.config;

import java.time.Duration;

/**
 * The request log: retention, how much of each body is kept, and the bounds of the asynchronous writer.
 *
 * @param retentionDays rows older than this are deleted by the daily cleanup ({@code LOG_RETENTION_DAYS})
 * @param cleanupHour local hour of the daily cleanup ({@code LOG_CLEANUP_HOUR})
 * @param bodyMaxBytes request and response bodies are truncated to this and marked so ({@code LOG_BODY_MAX_BYTES})
 * @param queueCapacity rows held in memory waiting for the writer ({@code LOG_QUEUE_CAPACITY}); beyond it rows go to
 *     the spill file
 * @param queueMaxBytes the memory those waiting rows may hold, their request bodies above all
 *     ({@code LOG_QUEUE_MAX_BYTES}); the same rules as for the count apply
 * @param batchSize rows written per transaction ({@code LOG_BATCH_SIZE})
 * @param spillMaxBytes largest spill file ({@code LOG_SPILL_MAX_BYTES}); beyond it rows are dropped and counted
 * @param shutdownGrace how long a clean shutdown waits for in-flight requests ({@code SHUTDOWN_GRACE_SECONDS})
 */
public record LogSettings(
        int retentionDays,
        int cleanupHour,
        int bodyMaxBytes,
        int queueCapacity,
        long queueMaxBytes,
        int batchSize,
        long spillMaxBytes,
        Duration shutdownGrace) {}
