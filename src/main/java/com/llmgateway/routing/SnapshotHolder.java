package com.llmgateway.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live routing snapshot; readers get whole snapshots, writers replace it in one step and then tell the listeners
 * registered at start-up (for example to drop round-robin counters of deleted models).
 */
public final class SnapshotHolder {
    private final AtomicReference<RoutingSnapshot> current = new AtomicReference<>(RoutingSnapshot.EMPTY);
    private final List<Consumer<RoutingSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public RoutingSnapshot get() {
        return current.get();
    }

    public void set(RoutingSnapshot snapshot) {
        current.set(snapshot);
        for (Consumer<RoutingSnapshot> listener : listeners) {
            listener.accept(snapshot);
        }
    }

    public void onChange(Consumer<RoutingSnapshot> listener) {
        listeners.add(listener);
    }
}
