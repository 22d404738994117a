package com.llmgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A fixed request rate, whatever the path answers (open loop, as wrk2 does): request {@code i} is due at
 * {@code start + i / rate}, and its latency is measured from that intended time, not from when it actually left, so a
 * path that stalls is charged for the requests that queued behind the stall (no coordinated omission).
 *
 * <p>A 1 ms periodic timer sends everything that is due; calls are taken from {@code calls} in turn.
 */
final class OpenLoop {
    private final Vertx vertx;
    private final LoadClient client;
    private final List<Call> calls;
    private final Function<Call, Tally> tallies;
    private final Listener listener;
    private final Promise<Void> done;
    private long start;
    private long total;
    private int rate;
    private long next;
    private long inFlight;
    private long timer;

    /** Hears about each request as it starts and gets its first byte (the stream-hold phase counts open streams). */
    interface Listener {
        Listener NONE = new Listener() {};

        default void firstByte() {}

        /** A request ended; {@code hadFirstByte} says whether it had been counted by {@link #firstByte}. */
        default void ended(boolean hadFirstByte) {}
    }

    private OpenLoop(
            Vertx vertx, LoadClient client, List<Call> calls, Function<Call, Tally> tallies, Listener listener) {
        this.vertx = vertx;
        this.client = client;
        this.calls = calls;
        this.tallies = tallies;
        this.listener = listener;
        this.done = Promise.promise();
    }

    /** Runs {@code schedule} on {@code context}; completes when every request it sent has ended. */
    static Future<Void> run(Context context, LoadClient client, Schedule schedule, Function<Call, Tally> tallies) {
        return run(context, client, schedule, tallies, Listener.NONE);
    }

    static Future<Void> run(
            Context context, LoadClient client, Schedule schedule, Function<Call, Tally> tallies, Listener listener) {
        OpenLoop loop = new OpenLoop(context.owner(), client, schedule.calls(), tallies, listener);
        context.runOnContext(v -> loop.begin(schedule.rate(), schedule.duration()));
        return loop.done.future();
    }

    /** Which calls to send, how many per second, for how long. */
    record Schedule(List<Call> calls, int rate, Duration duration) {}

    private void begin(int rate, Duration duration) {
        this.rate = rate;
        this.total = Math.max(1, rate * duration.toMillis() / 1000);
        this.start = System.nanoTime();
        this.timer = vertx.setPeriodic(1, id -> sendDue());
        sendDue();
    }

    private void sendDue() {
        long now = System.nanoTime();
        while (next < total) {
            long intended = start + next * 1_000_000_000L / rate;
            if (intended > now) {
                break;
            }
            Call call = calls.get((int) (next % calls.size()));
            next++;
            send(call, intended);
        }
        if (next == total) {
            vertx.cancelTimer(timer);
            finishIfIdle();
        }
    }

    private void send(Call call, long intended) {
        Tally tally = tallies.apply(call);
        tally.sent();
        inFlight++;
        boolean[] started = {false};
        client.send(
                call,
                () -> {
                    started[0] = true;
                    listener.firstByte();
                },
                outcome -> {
                    tally.record(outcome, intended);
                    inFlight--;
                    listener.ended(started[0]);
                    finishIfIdle();
                });
    }

    private void finishIfIdle() {
        if (next == total && inFlight == 0) {
            done.tryComplete();
        }
    }
}
