package com.llmgateway.metrics;

/**
 * What the request-log writer reports about itself, read at every scrape. Implementations are thread-safe and never
 * block (a scrape runs on an event loop): plain reads of atomic counters.
 */
public interface LogWriterStats {
    /** Before a writer is bound: every figure is 0. */
    LogWriterStats NONE = new LogWriterStats() {
        @Override
        public long queued() {
            return 0;
        }

        @Override
        public long written() {
            return 0;
        }

        @Override
        public long spilled() {
            return 0;
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public int queueDepth() {
            return 0;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }
    };

    /** Rows accepted from the request path since start. */
    long queued();

    /** Rows committed to the database since start. */
    long written();

    /** Rows appended to the spill file because the queue was full or the database unavailable, since start. */
    long spilled();

    /** Rows lost since start (the spill file was full too). */
    long dropped();

    /** Rows waiting in memory now. */
    int queueDepth();

    /** The memory those rows hold now, roughly (their request bodies above all). */
    long queuedBytes();
}
