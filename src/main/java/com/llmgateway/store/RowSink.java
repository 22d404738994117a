package com.llmgateway.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the log writer's rows go: {@code request_logs} while the database answers, the spill file while it does not,
 * and from the spill file back to the database, in order, once it answers again. Confined to the writer's thread.
 *
 * <p>Rows go to the spill file whenever it still holds rows, so that they reach the table in the order they were
 * spilled. After a failure the database is tried again after a {@link Backoff} delay (100 ms doubling to 5 s), on a
 * new connection. A row the database refuses for its content (SQLSTATE class 22 or 23, SQLite constraint errors) is
 * dropped, counted and logged with its trace id, rather than blocking every row behind it forever.
 */
final class RowSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowSink.class);

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Opens the sink's own connection; called again after every failure. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final SpillFile spill;
    private final LogCounters counters;
    private final Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
    private Connection connection;
    private long outageStartNanos;

    RowSink(Connector connector, SpillFile spill, LogCounters counters) {
        this.connector = connector;
        this.spill = spill;
        this.counters = counters;
    }

    /** Takes over a spill file left by an earlier run; its rows are replayed before any new row is written. */
    void recover() {
        try {
            spill.recover();
            if (spill.hasRows()) {
                LOG.info(
                        "Replaying {} bytes of request log rows left in {} by an earlier run",
                        spill.pendingBytes(),
                        spill.path());
            }
        } catch (IOException e) {
            setAside(e);
        }
    }

    /** Writes {@code rows} to the database, or appends them to the spill file when it cannot be written now. */
    void store(List<LogRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (spill.hasRows() || !backoff.isReady(System.nanoTime())) {
            spill(rows);
            return;
        }
        try {
            insert(rows, false);
            recovered();
        } catch (SQLException e) {
            failed(e);
            spill(rows);
        }
    }

    /**
     * Appends {@code rows} to the spill file without trying the database: the writer does this when requests arrive
     * faster than the database takes rows, so that its queue keeps draining. Later rows follow them into the file
     * (order is kept) until {@link #replayNext} has written the file back.
     */
    void park(List<LogRow> rows) {
        if (!rows.isEmpty()) {
            spill(rows);
        }
    }

    /** Whether rows wait in the spill file (new rows then follow them there). */
    boolean hasSpilledRows() {
        return spill.hasRows();
    }

    /** Writes the next {@code max} spilled rows back if the database may be tried now. */
    void replayNext(int max) {
        if (!spill.hasRows() || !backoff.isReady(System.nanoTime())) {
            return;
        }
        SpillFile.Chunk chunk;
        try {
            chunk = spill.read(max);
        } catch (IOException e) {
            setAside(e);
            return;
        }
        if (chunk.unreadable() > 0) {
            counters.dropped.addAndGet(chunk.unreadable());
            LOG.error("Dropped {} unreadable lines of the spill file {}", chunk.unreadable(), spill.path());
        }
        try {
            insert(chunk.rows(), true);
            recovered();
            spill.consumed(chunk.end());
        } catch (SQLException e) {
            failed(e);
        } catch (IOException e) {
            // The rows are stored; a spill file that cannot be deleted is read again and its rows skipped as known.
            LOG.warn("Cannot delete the replayed spill file {}: {}", spill.path(), e.getMessage());
        }
    }

    /** Replays what the database takes before {@code deadlineNanos}; what is left stays for the next start. */
    void replayBefore(long deadlineNanos, int max) {
        while (spill.hasRows() && backoff.isReady(System.nanoTime()) && System.nanoTime() - deadlineNanos < 0) {
            replayNext(max);
        }
        if (spill.hasRows()) {
            LOG.warn(
                    "{} bytes of request log rows stay in {}; they are written at the next start",
                    spill.pendingBytes(),
                    spill.path());
        }
    }

    /** How long the writer may wait for new rows before there is work here again (replay, or a retry). */
    long idleNanos(long maxNanos) {
        if (!spill.hasRows()) {
            return maxNanos;
        }
        return Math.min(maxNanos, backoff.remainingNanos(System.nanoTime()));
    }

    Path spillPath() {
        return spill.path();
    }

    private void insert(List<LogRow> rows, boolean onlyNew) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Connection current = connection();
        try {
            int inserted = onlyNew ? RequestLogInserts.insertNew(current, rows) : insertAll(current, rows);
            counters.written.addAndGet(inserted);
        } catch (SQLException e) {
            if (!RequestLogInserts.isDataError(e)) {
                throw e;
            }
            insertOneByOne(current, rows);
        }
    }

    private static int insertAll(Connection connection, List<LogRow> rows) throws SQLException {
        RequestLogInserts.insert(connection, rows);
        return rows.size();
    }

    /**
     * Finds the rows the database refuses. Rows already stored are skipped by trace id: after an availability failure
     * here the caller spills or keeps the whole batch, and its replay skips what this loop stored.
     */
    private void insertOneByOne(Connection connection, List<LogRow> rows) throws SQLException {
        for (LogRow row : rows) {
            try {
                counters.written.addAndGet(RequestLogInserts.insertNew(connection, List.of(row)));
            } catch (SQLException e) {
                if (!RequestLogInserts.isDataError(e)) {
                    throw e;
                }
                counters.dropped.incrementAndGet();
                LOG.error("request_logs refused the row of trace {}: {}", row.traceId(), e.getMessage());
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.open();
        }
        return connection;
    }

    private void spill(List<LogRow> rows) {
        int appended;
        try {
            appended = spill.append(rows);
        } catch (IOException e) {
            LOG.error("Cannot append to the spill file {}: {}", spill.path(), e.getMessage());
            appended = 0;
        }
        counters.spilled.addAndGet(appended);
        if (appended < rows.size()) {
            counters.dropped.addAndGet(rows.size() - appended);
            LOG.error(
                    "Dropped {} request log rows: the database is unavailable and the spill file {} is full or"
                            + " unwritable (LOG_SPILL_MAX_BYTES)",
                    rows.size() - appended,
                    spill.path());
        }
    }

    private void failed(SQLException e) {
        closeConnection();
        long now = System.nanoTime();
        if (!backoff.isFailing()) {
            outageStartNanos = now;
            LOG.warn(
                    "Request log database unavailable ({}); keeping rows in {} and retrying",
                    e.getMessage(),
                    spill.path());
        } else {
            LOG.debug("Request log database still unavailable: {}", e.getMessage());
        }
        backoff.failed(now);
    }

    private void recovered() {
        if (backoff.isFailing()) {
            LOG.info(
                    "Request log database available again after {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStartNanos));
        }
        backoff.succeeded();
    }

    private void setAside(IOException e) {
        LOG.error(
                "Cannot read the spill file {} ({}); moved it to {}",
                spill.path(),
                e.getMessage(),
                spill.setAside().map(Path::toString).orElse("(could not move it)"));
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the request log connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
