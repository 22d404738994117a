package com.llmgateway.store;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.LogSettings;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.usage.Accountant;
import com.llmgateway.usage.Accounting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@code request_logs} row per finished exchange without ever slowing a request, and without losing rows
 * while the database is unavailable.
 *
 * <p><b>Threads.</b> {@link #exchangeFinished} runs on an event loop: it only offers the record to a bounded queue
 * ({@code LOG_QUEUE_CAPACITY}) and returns. One writer thread, with a database connection of its own (not from the
 * pool), takes records in batches of up to {@code LOG_BATCH_SIZE}, works out their tokens and cost with the {@link
 * Accountant} (CPU work that has no place on an event loop), builds the rows and inserts each batch in one transaction.
 *
 * <p><b>When the database is unavailable</b> (an exception, {@code SQLITE_BUSY} beyond a 100 ms lock wait, a lost
 * connection), requests are served as usual. The writer appends what it holds to a spill file next to the SQLite file
 * ({@code ./data} for PostgreSQL; a writer whose file another running instance holds takes the next free name, see
 * {@link SpillClaim}) instead of holding it in memory, so the queue keeps draining; it retries with a
 * backoff from 100 ms doubling to 5 s, on a new connection, and once the database answers it writes the spill file
 * back in order and deletes it. A spill file left by an earlier run (a crash, or a stop during an outage) is written
 * back at start. Replayed rows whose trace id is already stored are skipped, so a crash during a replay duplicates
 * nothing.
 *
 * <p><b>Bursts.</b> When more than half of {@code LOG_QUEUE_CAPACITY} records wait, or records holding more than half
 * of {@code LOG_QUEUE_MAX_BYTES} (requests arrive faster than the database takes rows), the writer parks the queue in
 * the spill file and writes it back once the queue is short.
 *
 * <p><b>When full.</b> A record offered while {@code LOG_QUEUE_CAPACITY} records wait, or that would take the memory
 * they hold past {@code LOG_QUEUE_MAX_BYTES}, is dropped (one record alone is always taken, whatever its size). Rows that do not fit
 * in the spill file ({@code LOG_SPILL_MAX_BYTES}), or that cannot be written to it, are dropped. A row the database
 * refuses for its content is dropped rather than retried forever. Every dropped row is counted ({@link #dropped()})
 * and logged (queue drops at most once per {@value #DROP_WARNING_SECONDS} s). Memory is bounded by the queue: at most
 * {@code LOG_QUEUE_CAPACITY} records holding at most {@code LOG_QUEUE_MAX_BYTES} ({@link #weight}: each record's
 * request body, up to {@code MAX_REQUEST_BYTES}, the first {@code LOG_BODY_MAX_BYTES} of its response and the text it
 * kept), counted until the writer has turned them into rows. The queue is not drained while the writer waits
 * for the database: on SQLite at most 100 ms per attempt, on PostgreSQL up to the connection's timeouts (5 s to
 * connect, 15 s per answer) when the server is lost; traffic that fills the queue meanwhile is dropped.
 *
 * <p><b>Shutdown.</b> {@link #close} lets the writer write every queued row (or spill it, if the database is
 * unavailable), spends at most {@value #FINAL_REPLAY_SECONDS} s writing back a spill file, and closes the connection.
 * Records offered after that are dropped and counted.
 */
public final class LogWriter implements ExchangeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

    /**
     * The writer's SQLite lock wait. The queue is not drained while the writer waits, so the wait is short: long
     * enough for the gateway's own short write transactions, short enough that a database locked for longer sends
     * rows to the spill file before a small queue fills up.
     */
    static final Duration SQLITE_LOCK_WAIT = Duration.ofMillis(100);

    static final int DROP_WARNING_SECONDS = 10;
    static final int FINAL_REPLAY_SECONDS = 10;

    /** How long {@link #close} waits for the writer; beyond it the rows still queued are lost (and logged). */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(90);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final BlockingQueue<ExchangeRecord> queue;
    private final Accountant accountant;
    private final LogSettings settings;
    private final SpillClaim spillClaim;
    private final RowSink sink;
    private final LogCounters counters = new LogCounters();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - warningIntervalNanos());
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The {@link #weight} of the records offered and not yet turned into rows. */
    private final AtomicLong queuedBytes = new AtomicLong();

    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean stopped;

    private LogWriter(RowSink.Connector connector, Path spillFile, Accountant accountant, LogSettings settings) {
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.accountant = accountant;
        this.settings = settings;
        this.spillClaim = SpillClaim.claim(spillFile);
        this.sink = new RowSink(connector, new SpillFile(spillClaim.path(), settings.spillMaxBytes()), counters);
        this.thread = Thread.ofPlatform().name("request-log-writer").daemon().unstarted(this::run);
    }

    /** Starts the writer for {@code database}, with a connection of its own and the spill file of its data folder. */
    public static LogWriter start(Database database, Accountant accountant, LogSettings settings) {
        return start(
                () -> database.openUnpooled(SQLITE_LOCK_WAIT, "log writer"),
                spillFile(database.config()),
                accountant,
                settings);
    }

    static LogWriter start(RowSink.Connector connector, Path spillFile, Accountant accountant, LogSettings settings) {
        LogWriter writer = new LogWriter(connector, spillFile, accountant, settings);
        writer.thread.start();
        return writer;
    }

    /** Next to the SQLite file (so each database has its own), or {@code ./data} for a database elsewhere. */
    static Path spillFile(DatabaseConfig config) {
        return config.sqliteFile()
                .map(file -> file.toAbsolutePath().resolveSibling(file.getFileName() + ".log-spill.jsonl"))
                .orElse(Path.of("data", "request-logs.log-spill.jsonl").toAbsolutePath());
    }

    /**
     * Never blocks: queues the record, or drops and counts it when the queue is full (by count or by bytes) or the
     * writer has stopped.
     */
    @Override
    public void exchangeFinished(ExchangeRecord record) {
        long weight = weight(record);
        long held = queuedBytes.addAndGet(weight);
        if (stopped || (held > settings.queueMaxBytes() && held != weight) || !queue.offer(record)) {
            queuedBytes.addAndGet(-weight);
            drop(record);
            return;
        }
        // The writer may have taken its last look at the queue between the check and the offer.
        if (stopped && queue.remove(record)) {
            queuedBytes.addAndGet(-weight);
            drop(record);
            return;
        }
        counters.queued.incrementAndGet();
    }

    /**
     * The memory a waiting record holds, roughly: its request body, the response bytes and text it kept (two bytes a
     * char), and 1 KiB for the rest.
     */
    static long weight(ExchangeRecord record) {
        return record.requestBody().length
                + record.summary().body().length
                + 2L * record.summary().outputText().length()
                + 1024;
    }

    /** The {@link #weight} of the records waiting now (at most about {@code LOG_QUEUE_MAX_BYTES}). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Records accepted into the queue since start. */
    public long queued() {
        return counters.queued.get();
    }

    /** Rows committed to {@code request_logs} since start, including rows written back from the spill file. */
    public long written() {
        return counters.written.get();
    }

    /** Rows appended to the spill file since start. */
    public long spilled() {
        return counters.spilled.get();
    }

    /** Rows lost since start (see the class comment for when). */
    public long dropped() {
        return counters.dropped.get();
    }

    /** Records waiting in the queue now (at most {@code LOG_QUEUE_CAPACITY}). */
    public int queueDepth() {
        return queue.size();
    }

    public Path spillFile() {
        return sink.spillPath();
    }

    /** Writes (or spills) every queued row, then stops the writer. Blocks; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        try {
            thread.join(CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error(
                    "The request log writer did not finish within {}; {} queued rows are lost",
                    CLOSE_TIMEOUT,
                    queue.size());
        }
    }

    private void run() {
        try {
            sink.recover();
            while (!stopping || !queue.isEmpty()) {
                writeNext();
            }
        } finally {
            stopped = true;
            try {
                List<ExchangeRecord> rest = new ArrayList<>();
                queue.drainTo(rest);
                store(rest);
                sink.replayBefore(
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(FINAL_REPLAY_SECONDS), settings.batchSize());
                sink.close();
            } finally {
                spillClaim.close();
            }
        }
    }

    /**
     * One turn of the writer: the next batch from the queue, then the next chunk of the spill file, if any. When more
     * than half the queue is waiting, requests arrive faster than the database takes rows: everything queued is parked
     * in the spill file (an append, far cheaper than an insert) and the write-back waits until the queue is short
     * again, so a burst costs disk space for a while instead of dropped rows.
     */
    private void writeNext() {
        try {
            if (isOverloaded()) {
                List<ExchangeRecord> burst = new ArrayList<>();
                queue.drainTo(burst);
                sink.park(rows(burst));
                return;
            }
            store(take(sink.idleNanos(POLL_NANOS)));
            if (!isOverloaded()) {
                sink.replayNext(settings.batchSize());
            }
        } catch (RuntimeException e) {
            // A bug must not stop the writer: the queue would fill and every later row be dropped.
            LOG.error("Request log writer error", e);
        }
    }

    private boolean isOverloaded() {
        return queue.size() > settings.queueCapacity() / 2 || queuedBytes.get() > settings.queueMaxBytes() / 2;
    }

    /** The next batch: waits up to {@code waitNanos} for a first record, then takes what is there. */
    private List<ExchangeRecord> take(long waitNanos) {
        List<ExchangeRecord> batch = new ArrayList<>();
        try {
            ExchangeRecord first = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (first != null) {
                batch.add(first);
                // Rows bound for the spill file go in one append (one disk sync), not one per batch.
                queue.drainTo(batch, sink.hasSpilledRows() ? Integer.MAX_VALUE : settings.batchSize() - 1);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
        return batch;
    }

    private void store(List<ExchangeRecord> records) {
        List<LogRow> rows = rows(records);
        try {
            sink.store(rows);
        } catch (RuntimeException e) {
            counters.dropped.addAndGet(rows.size());
            LOG.error("Dropped {} request log rows", rows.size(), e);
        }
    }

    /** The records' rows; from here on a record's body is no longer held, and its weight leaves the queue's. */
    private List<LogRow> rows(List<ExchangeRecord> records) {
        List<LogRow> rows = new ArrayList<>(records.size());
        for (ExchangeRecord record : records) {
            try {
                rows.add(LogRows.from(record, account(record), settings));
            } catch (RuntimeException e) {
                counters.dropped.incrementAndGet();
                LOG.error("Cannot build the log row of trace {}", record.traceId(), e);
            } finally {
                queuedBytes.addAndGet(-weight(record));
            }
        }
        return rows;
    }

    /** Accounting is someone else's code: a failure there loses the tokens and cost of a row, not the row. */
    private Accounting account(ExchangeRecord record) {
        try {
            Accounting accounting = accountant.account(record);
            return accounting == null ? Accounting.NONE : accounting;
        } catch (RuntimeException e) {
            LOG.warn("Accounting failed for trace {}; storing the row without tokens and cost", record.traceId(), e);
            return Accounting.NONE;
        }
    }

    private void drop(ExchangeRecord record) {
        long dropped = counters.dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= warningIntervalNanos() && lastDropWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "Request log queue full or closed (LOG_QUEUE_CAPACITY={}, LOG_QUEUE_MAX_BYTES={}): dropped the row"
                            + " of trace {}; {} dropped since start",
                    settings.queueCapacity(),
                    settings.queueMaxBytes(),
                    record.traceId(),
                    dropped);
        }
    }

    private static long warningIntervalNanos() {
        return TimeUnit.SECONDS.toNanos(DROP_WARNING_SECONDS);
    }
}
