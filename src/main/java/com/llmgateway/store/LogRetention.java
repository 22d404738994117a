package com.llmgateway.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes request log rows older than a number of days (seed-spec section 7), on demand and once a day.
 *
 * <p>The delete runs in chunks of {@value #CHUNK_ROWS} rows, each its own short transaction on a worker thread, with a
 * pause between chunks on a Vert.x timer. SQLite has one write lock: one big DELETE of a million rows would hold it for
 * many seconds and make the log writer's inserts wait past their busy timeout, while a chunk holds it for tens of
 * milliseconds, and the pause lets a waiting writer in (SQLite's busy handler retries every 100 ms at most).
 */
public final class LogRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    static final int CHUNK_ROWS = 5_000;
    static final long PAUSE_MS = 100;

    private static final long NO_TIMER = -1;

    private final Vertx vertx;
    private final RequestLogStore store;
    private final Clock clock;
    private final int chunkRows;
    private final long pauseMs;
    private final AtomicLong dailyTimer = new AtomicLong(NO_TIMER);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code clock} gives both the cutoff and, through its zone, the local time of the daily run. */
    public LogRetention(Vertx vertx, RequestLogStore store, Clock clock) {
        this(vertx, store, clock, CHUNK_ROWS, PAUSE_MS);
    }

    LogRetention(Vertx vertx, RequestLogStore store, Clock clock, int chunkRows, long pauseMs) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.chunkRows = chunkRows;
        this.pauseMs = pauseMs;
    }

    /** Deletes rows received more than {@code days} days before now; completes with how many were deleted. */
    public Future<Long> deleteOlderThan(int days) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        Promise<Long> done = Promise.promise();
        deleteChunks(cutoff, 0, done);
        return done.future();
    }

    /** From now on, deletes rows older than {@code retentionDays} every day at {@code hour}:00 local time. */
    public void scheduleDaily(int hour, int retentionDays) {
        if (closed.get()) {
            return;
        }
        long delayMs = Math.max(1, RetentionSchedule.delayUntilNext(clock, hour).toMillis());
        dailyTimer.set(vertx.setTimer(delayMs, id -> runDaily(hour, retentionDays)));
        if (closed.get()) {
            close();
        }
    }

    private void runDaily(int hour, int retentionDays) {
        deleteOlderThan(retentionDays)
                .onSuccess(deleted -> LOG.info(
                        "Log retention: deleted {} request log rows older than {} days", deleted, retentionDays))
                .onFailure(e -> LOG.warn("Log retention failed; next try tomorrow: {}", e.getMessage()))
                .onComplete(ignored -> scheduleDaily(hour, retentionDays));
    }

    private void deleteChunks(Instant cutoff, long deletedSoFar, Promise<Long> done) {
        vertx.executeBlocking(() -> store.deleteOlderThan(cutoff, chunkRows), false)
                .onFailure(done::fail)
                .onSuccess(deleted -> {
                    long total = deletedSoFar + deleted;
                    // A short chunk means nothing older is left; closing stops between chunks, never inside one.
                    if (deleted < chunkRows || closed.get()) {
                        done.complete(total);
                    } else {
                        vertx.setTimer(pauseMs, id -> deleteChunks(cutoff, total, done));
                    }
                });
    }

    /** Cancels the daily run; a delete in progress stops after its current chunk. */
    @Override
    public void close() {
        closed.set(true);
        long timer = dailyTimer.getAndSet(NO_TIMER);
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
        }
    }
}
