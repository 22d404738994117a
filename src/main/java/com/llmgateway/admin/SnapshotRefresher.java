package com.llmgateway.admin;

import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.store.SnapshotLoader;

/**
 * Reloads the routing snapshot after an admin write. Reloads run one at a time, and each one reads the database after
 * its own write committed, so the snapshot left in place always reflects the latest committed write.
 */
final class SnapshotRefresher {
    private final SnapshotLoader loader;
    private final SnapshotHolder holder;

    SnapshotRefresher(SnapshotLoader loader, SnapshotHolder holder) {
        this.loader = loader;
        this.holder = holder;
    }

    /** Blocking; runs on a worker thread. */
    synchronized void reload() {
        holder.set(loader.load());
    }
}
