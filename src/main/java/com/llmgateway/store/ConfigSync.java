package com.llmgateway.store;

import com.llmgateway.routing.SnapshotHolder;
import java.time.Duration;

/**
 * This instance's routing snapshot, kept in step with the configuration in the database, which any number of gateway
 * instances may share.
 *
 * <p>Every admin write bumps {@code config_version} in its own transaction ({@link ConfigVersion}). The instance that
 * wrote calls {@link #reload} before it answers. Every other instance learns of the change from its {@link
 * ConfigWatcher}: at once through PostgreSQL's {@code LISTEN}/{@code NOTIFY}, and in any case within the check
 * interval, when it compares the version in the database with the version its snapshot was read at (the safety net
 * for a notification lost with a connection). On SQLite there is no notification; the periodic check alone keeps
 * several processes on one file in step.
 *
 * <p>Reloads run one at a time, and each reads the snapshot and its version in one transaction, so the snapshot left in
 * place is never older than the last version this instance saw.
 */
public final class ConfigSync implements AutoCloseable {
    /** How often the version is compared without a notification. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final SnapshotLoader loader;
    private final SnapshotHolder holder;
    // Written under this object's lock (reloads are serialised), read without it: readiness asks on an event loop.
    private volatile long version = -1;
    private volatile boolean loaded;
    private volatile ConfigWatcher watcher;

    public ConfigSync(SnapshotLoader loader, SnapshotHolder holder) {
        this.loader = loader;
        this.holder = holder;
    }

    /** The live snapshot this keeps up to date. */
    public SnapshotHolder snapshots() {
        return holder;
    }

    /** Reads the whole snapshot and swaps it in. Blocking: at start and on worker threads, never on an event loop. */
    public synchronized void reload() {
        SnapshotLoader.Versioned fresh = loader.loadVersioned();
        holder.set(fresh.snapshot());
        version = fresh.version();
        loaded = true;
    }

    /** Reloads unless the snapshot was read at {@code seen}, a version just read from the database. */
    synchronized boolean reloadIfChanged(long seen) {
        if (seen == version) {
            return false;
        }
        reload();
        return true;
    }

    /** The configuration version the live snapshot was read at; -1 before the first load. Never blocks. */
    public long version() {
        return version;
    }

    /** Whether a snapshot has been loaded from the database (readiness). */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Starts following changes made through other instances: a thread of its own with a connection of its own that
     * listens for notifications (PostgreSQL) and compares versions every {@code checkInterval}, reconnecting with a
     * backoff when the connection is lost.
     */
    public synchronized void watch(Database database, Duration checkInterval) {
        if (watcher != null) {
            throw new IllegalStateException("already watching");
        }
        watcher = ConfigWatcher.start(database, this, checkInterval);
    }

    /** Whether the watcher's connection is up (false when not watching). */
    public boolean watching() {
        ConfigWatcher current = watcher;
        return current != null && current.connected();
    }

    /** Stops the watcher, if any. */
    @Override
    public void close() {
        ConfigWatcher current = watcher;
        if (current != null) {
            current.close();
        }
    }
}
