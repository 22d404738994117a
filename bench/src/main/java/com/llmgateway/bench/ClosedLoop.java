package com.llmgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Saturation: {@code connections} workers, each sending its next request as soon as the previous one ended, spread
 * over the load generator's event loops. Its throughput is the path's maximum on this machine; its latencies are not
 * reported as latencies (a closed loop hides stalls), only as context.
 */
final class ClosedLoop {
    private ClosedLoop() {}

    static Future<Void> run(
            List<Context> contexts,
            LoadClient client,
            List<Call> calls,
            Function<Call, Tally> tallies,
            Workload workload) {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + workload.duration().toNanos();
        AtomicInteger running = new AtomicInteger(workload.connections());
        for (int i = 0; i < workload.connections(); i++) {
            int worker = i;
            contexts.get(i % contexts.size())
                    .runOnContext(v -> send(
                            new Worker(client, calls, tallies, deadline, worker, () -> {
                                if (running.decrementAndGet() == 0) {
                                    done.complete();
                                }
                            }),
                            0));
        }
        return done.future();
    }

    /** How many connections, for how long. */
    record Workload(int connections, Duration duration) {}

    private record Worker(
            LoadClient client,
            List<Call> calls,
            Function<Call, Tally> tallies,
            long deadline,
            int index,
            Runnable finished) {}

    private static void send(Worker worker, long count) {
        if (System.nanoTime() >= worker.deadline()) {
            worker.finished().run();
            return;
        }
        Call call = worker.calls()
                .get((int) ((worker.index() + count) % worker.calls().size()));
        Tally tally = worker.tallies().apply(call);
        tally.sent();
        long sentAt = System.nanoTime();
        worker.client().send(call, () -> {}, outcome -> {
            tally.record(outcome, sentAt);
            send(worker, count + 1);
        });
    }
}
