package com.llmgateway.store;

import com.llmgateway.config.DatabaseType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows configuration changes made through other instances, for {@link ConfigSync}, on a thread and a connection of
 * its own (outside the pool, so admin requests never wait for it nor it for them).
 *
 * <p>On PostgreSQL the connection {@code LISTEN}s on {@value ConfigVersion#CHANNEL}; a notification makes the watcher
 * read {@code config_version} and reload when it differs from the snapshot's. Whether or not a notification came, the
 * version is read every check interval on the same connection: it catches a notification lost with a connection, and
 * the query proves the connection alive (a half-open socket fails it within the connection's read timeout). After a
 * failure the connection is closed and opened again after a backoff from {@link #FIRST_RETRY} doubling to {@link
 * #MAX_RETRY}; the version is read at once after every (re)connect, because notifications sent meanwhile are lost.
 *
 * <p>A reload that fails (the database answers the version but not the snapshot) keeps the old snapshot; the next
 * check tries again, since the versions still differ.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /**
     * No longer than the default check interval: notifications sent while the connection is down are lost, so after an
     * outage an instance catches up only when it reconnects, and should not lag the others by more than a check.
     */
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** The longest single wait for a notification: how soon {@link #close} is noticed. */
    private static final long WAIT_SLICE_MILLIS = 250;

    /** SQLite lock wait of the watcher's reads; WAL readers do not wait for writers, so it is rarely used. */
    private static final Duration SQLITE_LOCK_WAIT = Duration.ofSeconds(1);

    private static final long CLOSE_WAIT_MILLIS = 5_000;

    /** The watcher's connection in {@code pg_stat_activity}: "llm-gateway config watcher". */
    static final String APPLICATION_USER = "config watcher";

    private final Database database;
    private final ConfigSync sync;
    private final long checkNanos;
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean connected;
    // Confined to the watcher's thread.
    private Connection connection;
    private long nextCheckNanos;

    private ConfigWatcher(Database database, ConfigSync sync, Duration checkInterval) {
        this.database = database;
        this.sync = sync;
        this.checkNanos = checkInterval.toNanos();
        this.thread = Thread.ofPlatform().name("config-watcher").daemon().unstarted(this::run);
    }

    static ConfigWatcher start(Database database, ConfigSync sync, Duration checkInterval) {
        ConfigWatcher watcher = new ConfigWatcher(database, sync, checkInterval);
        watcher.thread.start();
        return watcher;
    }

    boolean connected() {
        return connected;
    }

    private void run() {
        try {
            while (closed.getCount() > 0) {
                turn();
            }
        } finally {
            disconnect();
        }
    }

    /** One step: connect if needed, else wait for a notification or the next check, then check if due. */
    private void turn() {
        try {
            if (connection == null) {
                long wait = backoff.remainingNanos(System.nanoTime());
                if (wait > 0) {
                    pause(wait);
                    return;
                }
                connect();
                check();
                return;
            }
            boolean notified = awaitNotification(Math.max(0, nextCheckNanos - System.nanoTime()));
            if (notified || System.nanoTime() - nextCheckNanos >= 0) {
                check();
            }
        } catch (SQLException e) {
            lost(e);
        } catch (RuntimeException e) {
            // A failed reload: the old snapshot stays; the next check retries because the versions still differ.
            LOG.error("Reloading the routing configuration failed; keeping the current one", e);
        }
    }

    private void connect() throws SQLException {
        connection = database.openUnpooled(SQLITE_LOCK_WAIT, APPLICATION_USER);
        if (database.type() == DatabaseType.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + ConfigVersion.CHANNEL);
            }
        }
        if (backoff.isFailing()) {
            LOG.info("Following configuration changes again");
        }
        backoff.succeeded();
        connected = true;
    }

    /** Reads the version and reloads when it changed. */
    private void check() throws SQLException {
        nextCheckNanos = System.nanoTime() + checkNanos;
        long version = ConfigVersion.read(connection);
        if (sync.reloadIfChanged(version)) {
            LOG.debug("Routing configuration reloaded at version {}", version);
        }
    }

    /** Waits up to {@code nanos} (at most one slice) for notifications; true when at least one arrived. */
    private boolean awaitNotification(long nanos) throws SQLException {
        long millis = Math.clamp(TimeUnit.NANOSECONDS.toMillis(nanos), 1, WAIT_SLICE_MILLIS);
        if (database.type() != DatabaseType.POSTGRESQL) {
            pause(TimeUnit.MILLISECONDS.toNanos(millis));
            return false;
        }
        // pgjdbc blocks on the socket for up to millis (0 would mean forever) and returns what arrived.
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications((int) millis);
        return notifications != null && notifications.length > 0;
    }

    private void lost(SQLException e) {
        disconnect();
        boolean first = !backoff.isFailing();
        backoff.failed(System.nanoTime());
        if (first) {
            LOG.warn(
                    "Lost the connection that follows configuration changes ({}); retrying from {} ms up to every {} s",
                    e.getMessage(),
                    FIRST_RETRY.toMillis(),
                    MAX_RETRY.toSeconds());
        }
    }

    private void disconnect() {
        connected = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the config watcher's connection failed", e);
            }
            connection = null;
        }
    }

    private void pause(long nanos) {
        try {
            closed.await(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS)), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            closed.countDown();
        }
    }

    /** Stops the thread and closes its connection; waits a few seconds at most (a connect may be in progress). */
    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
