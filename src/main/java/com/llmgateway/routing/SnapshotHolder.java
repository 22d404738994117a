package com.llmgateway.routing;

import java.util.concurrent.atomic.AtomicReference;

/** The live routing snapshot; readers get whole snapshots, writers replace it in one step. */
public final class SnapshotHolder {
    private final AtomicReference<RoutingSnapshot> current = new AtomicReference<>(RoutingSnapshot.EMPTY);

    public RoutingSnapshot get() {
        return current.get();
    }

    public void set(RoutingSnapshot snapshot) {
        current.set(snapshot);
    }
}
