package com.llmgateway.store;

import java.util.concurrent.atomic.AtomicLong;

/** What happened to the rows given to the log writer, since it started. Thread-safe. */
final class LogCounters {
    /** Records accepted into the queue. */
    final AtomicLong queued = new AtomicLong();
    /** Rows committed to {@code request_logs} (directly or replayed from the spill file). */
    final AtomicLong written = new AtomicLong();
    /** Rows appended to the spill file. */
    final AtomicLong spilled = new AtomicLong();
    /** Rows lost: queue full, spill file full or unwritable, refused by the database, or offered after close. */
    final AtomicLong dropped = new AtomicLong();
}
