package com.llmgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The load generator's machinery: one Vert.x instance with {@code clientLoops} event loops, a client per path with
 * {@code connections} connections (a fixed set, as wrk2 keeps: a path that stalls makes requests wait, which the
 * open-loop latency counts, instead of setting off a storm of new connections), and {@link #slice}, which runs one
 * piece of work against one path and charges the CPU spent meanwhile to it.
 */
final class Harness implements AutoCloseable {
    /** Work on a healthy path ends long before this; past it the run is broken, not slow. */
    private static final Duration WORK_TIMEOUT = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final List<Context> contexts;
    private final Map<String, Target> targets;
    private final String key;
    private final long mockPid;
    private final Duration settle;
    private final Map<String, LoadClient> clients = new LinkedHashMap<>();
    private final List<LoadClient> all = new ArrayList<>();

    private Harness(Vertx vertx, List<Context> contexts, List<Target> targets, String key, long mockPid) {
        this.vertx = vertx;
        this.contexts = contexts;
        this.targets = new LinkedHashMap<>();
        targets.forEach(target -> this.targets.put(target.name(), target));
        this.key = key;
        this.mockPid = mockPid;
        this.settle = Duration.ZERO;
    }

    private Harness(Harness base, Duration settle, int connections) {
        this.vertx = base.vertx;
        this.contexts = base.contexts;
        this.targets = base.targets;
        this.key = base.key;
        this.mockPid = base.mockPid;
        this.settle = settle;
        targets.values().forEach(target -> clients.put(target.name(), newClient(target, connections)));
    }

    static Harness start(BenchConfig config, List<Target> targets, String key, long mockPid) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.clientLoops()));
        List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        // Each deployed instance gets its own event-loop context: the load generator's threads.
        await(vertx.deployVerticle(
                () -> context -> {
                    contexts.add(context);
                    return Future.succeededFuture();
                },
                new DeploymentOptions().setInstances(config.clientLoops())));
        Harness base = new Harness(vertx, List.copyOf(contexts), targets, key, mockPid);
        return new Harness(base, config.settle(), config.connections());
    }

    List<Target> targets() {
        return List.copyOf(targets.values());
    }

    Target target(String name) {
        Target target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no path named " + name + "; paths: " + targets.keySet());
        }
        return target;
    }

    /** The path's client with the configured number of connections. */
    LoadClient client(Target target) {
        return clients.get(target.name());
    }

    /** A further client for {@code target} that may open {@code connections} connections (held streams). */
    synchronized LoadClient newClient(Target target, int connections) {
        LoadClient client = new LoadClient(vertx, target, key, connections);
        all.add(client);
        return client;
    }

    /** Requests to {@code target} that got an answer, over all its clients. */
    synchronized long answered(Target target) {
        return all.stream()
                .filter(client -> client.target().equals(target))
                .mapToLong(LoadClient::answered)
                .sum();
    }

    /** Requests to {@code target} that failed in transport, over all its clients. */
    synchronized long failed(Target target) {
        return all.stream()
                .filter(client -> client.target().equals(target))
                .mapToLong(LoadClient::failed)
                .sum();
    }

    /** The event loop that runs open-loop schedules. */
    Context context() {
        return contexts.get(0);
    }

    List<Context> contexts() {
        return contexts;
    }

    /**
     * Runs {@code work} against {@code target}, waits for it and then for the settle time (so work the proxy finishes
     * after its last answer, such as a log batch, is charged to it too), and adds the CPU and wall time to
     * {@code tally}.
     */
    void slice(Target target, Supplier<Future<Void>> work, Tally tally) {
        CpuSample before = CpuSample.take(target, mockPid);
        long started = System.nanoTime();
        await(work.get());
        long wall = System.nanoTime() - started;
        pause(settle);
        tally.addSlice(before, CpuSample.take(target, mockPid), wall, System.nanoTime() - started);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration); // a fixed gap or sampling interval, not a wait for some state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WORK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("work did not finish within " + WORK_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        all.forEach(LoadClient::close);
        await(vertx.close());
    }
}
