package com.llmgateway.bench;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The phases of one run, in order. Each measuring phase interleaves the paths: round after round, every path gets one
 * slice, in an order rotated each round, so drift on the shared machine (other processes, JIT, heap growth) spreads
 * over all paths instead of landing on one.
 */
final class Runner {
    /** Non-stream phases alternate the two protocols request by request. */
    static final List<Call> NON_STREAM = List.of(Call.nonStream(false), Call.nonStream(true));

    private static final int WARMUP_CONNECTIONS = 16;
    private static final int WARMUP_STREAM_RATE = 200;
    /** The plain-call rate of the translation phase: the rate of the added-latency goal. */
    static final int TRANSLATION_RATE = 1000;

    private final BenchConfig config;
    private final Harness harness;
    private final double microsPerTick;

    Runner(BenchConfig config, Harness harness, long clockTicksPerSecond) {
        this.config = config;
        this.harness = harness;
        this.microsPerTick = 1e6 / clockTicksPerSecond;
    }

    /** Checks each path answers every kind of call with 200 before anything is measured. */
    void smokeTest() {
        List<Call> calls = new ArrayList<>(NON_STREAM);
        calls.add(Call.stream(false, 3, 0));
        calls.add(Call.stream(true, 3, 0));
        for (Target target : harness.targets()) {
            for (Call call : calls) {
                Outcome outcome = Harness.await(Future.<Outcome>future(promise -> harness.context()
                        .runOnContext(v -> harness.client(target).send(call, () -> {}, promise::complete))));
                if (!outcome.ok()) {
                    throw new IllegalStateException(target.name() + " answered a " + call.protocol()
                            + (call.stream() ? " stream" : "") + " request with "
                            + (outcome.status() == 0 ? outcome.failure() : "HTTP " + outcome.status()));
                }
            }
        }
    }

    /** Lets the JIT compile each path's hot code (the gateway gets the full warm-up, the others a quarter). */
    void warmUp() {
        for (Target target : harness.targets()) {
            Duration duration = target.name().equals(Target.GATEWAY)
                    ? config.warmup()
                    : config.warmup().dividedBy(4).plusSeconds(1);
            Tally ignored = new Tally();
            harness.slice(
                    target,
                    () -> ClosedLoop.run(
                            harness.contexts(),
                            harness.client(target),
                            NON_STREAM,
                            call -> ignored,
                            new ClosedLoop.Workload(WARMUP_CONNECTIONS, duration)),
                    ignored);
            List<Call> streams = List.of(Call.stream(false, 5, 0), Call.stream(true, 5, 0));
            harness.slice(
                    target,
                    () -> OpenLoop.run(
                            harness.context(),
                            harness.client(target),
                            new OpenLoop.Schedule(streams, WARMUP_STREAM_RATE, Duration.ofSeconds(2)),
                            call -> ignored),
                    ignored);
        }
    }

    /** Added latency at each fixed rate (open loop). */
    List<Results.RateRow> fixedRates() {
        List<Results.RateRow> rows = new ArrayList<>();
        for (int rate : config.rates()) {
            Map<String, Tally> tallies = interleave(
                    config.rounds(),
                    (target, tally) -> harness.slice(
                            target,
                            () -> OpenLoop.run(
                                    harness.context(),
                                    harness.client(target),
                                    new OpenLoop.Schedule(NON_STREAM, rate, config.slice()),
                                    call -> tally),
                            tally));
            Histogram direct = tallies.get(Target.DIRECT).latency();
            tallies.forEach((name, tally) -> {
                Histogram latency = tally.latency();
                rows.add(new Results.RateRow(
                        rate,
                        name,
                        tally.sentCount(),
                        tally.okCount(),
                        tally.errorCount(),
                        tally.lastFailure(),
                        round(tally.sentCount() / seconds(tally.wallNanos())),
                        ms(latency, 50),
                        ms(latency, 90),
                        ms(latency, 99),
                        round(latency.getMaxValue() / 1e6),
                        round(ms(latency, 50) - ms(direct, 50)),
                        round(ms(latency, 90) - ms(direct, 90)),
                        round(ms(latency, 99) - ms(direct, 99)),
                        cpuPerRequest(tally.proxyTicks(), tally.sentCount()),
                        cpuPerRequest(tally.mockTicks(), tally.sentCount()),
                        otherCores(tally)));
            });
            System.out.printf("  fixed rate %d req/s done%n", rate);
        }
        return rows;
    }

    /** Maximum throughput (closed loop, {@code connections} connections). */
    List<Results.SaturationRow> saturation() {
        Map<String, Tally> tallies = interleave(
                config.rounds(),
                (target, tally) -> harness.slice(
                        target,
                        () -> ClosedLoop.run(
                                harness.contexts(),
                                harness.client(target),
                                NON_STREAM,
                                call -> tally,
                                new ClosedLoop.Workload(config.connections(), config.slice())),
                        tally));
        double direct = throughput(tallies.get(Target.DIRECT));
        List<Results.SaturationRow> rows = new ArrayList<>();
        tallies.forEach((name, tally) -> {
            Histogram latency = tally.latency();
            rows.add(new Results.SaturationRow(
                    name,
                    config.connections(),
                    tally.okCount(),
                    tally.errorCount(),
                    tally.lastFailure(),
                    round(throughput(tally)),
                    round(throughput(tally) / direct),
                    cpuPerRequest(tally.proxyTicks(), tally.sentCount()),
                    round((double) tally.proxyWrites() / Math.max(1, tally.sentCount())),
                    round(tally.proxyTicks() * microsPerTick / 1e6 / seconds(tally.wallNanos())),
                    ms(latency, 50),
                    ms(latency, 99),
                    otherCores(tally)));
        });
        System.out.println("  saturation done");
        return rows;
    }

    /** Stream time to first byte, each protocol on its own slices (open loop). */
    List<Results.StreamRow> streams() {
        BenchConfig.StreamSettings settings = config.stream();
        List<Results.StreamRow> rows = new ArrayList<>();
        for (boolean anthropic : new boolean[] {false, true}) {
            Call call = Call.stream(anthropic, settings.chunks(), settings.chunkDelayMs());
            Map<String, Tally> tallies = interleave(
                    Math.max(1, config.rounds() - 1),
                    (target, tally) -> harness.slice(
                            target,
                            () -> OpenLoop.run(
                                    harness.context(),
                                    harness.client(target),
                                    new OpenLoop.Schedule(List.of(call), settings.rate(), config.slice()),
                                    c -> tally),
                            tally));
            Histogram direct = tallies.get(Target.DIRECT).firstByte();
            tallies.forEach((name, tally) -> {
                Histogram ttfb = tally.firstByte();
                rows.add(new Results.StreamRow(
                        name,
                        call.protocol(),
                        tally.okCount(),
                        tally.errorCount(),
                        tally.lastFailure(),
                        ms(ttfb, 50),
                        ms(ttfb, 90),
                        ms(ttfb, 99),
                        round(ms(ttfb, 50) - ms(direct, 50)),
                        round(ms(ttfb, 99) - ms(direct, 99)),
                        ms(tally.latency(), 50),
                        cpuPerRequest(tally.proxyTicks(), tally.sentCount()),
                        otherCores(tally)));
            });
        }
        System.out.println("  stream time to first byte done");
        return rows;
    }

    /**
     * What translating costs: the gateway alone, each kind of call (plain at {@value #TRANSLATION_RATE} req/s, streams
     * at the stream rate; open loop) sent for a model of the client's own protocol and for one of the other protocol,
     * slices alternating. The translated path is warmed up first, as the others were.
     */
    List<Results.TranslationRow> translation() {
        Target gateway = harness.target(Target.GATEWAY);
        BenchConfig.StreamSettings settings = config.stream();
        List<Call> crossedWarmUp = List.of(
                Call.nonStream(false).crossed(),
                Call.nonStream(true).crossed(),
                Call.stream(false, 5, 0).crossed(),
                Call.stream(true, 5, 0).crossed());
        Tally ignored = new Tally();
        harness.slice(
                gateway,
                () -> ClosedLoop.run(
                        harness.contexts(),
                        harness.client(gateway),
                        crossedWarmUp,
                        call -> ignored,
                        new ClosedLoop.Workload(
                                WARMUP_CONNECTIONS, config.warmup().dividedBy(2))),
                ignored);
        List<Results.TranslationRow> rows = new ArrayList<>();
        for (boolean stream : new boolean[] {false, true}) {
            for (boolean anthropic : new boolean[] {false, true}) {
                Call own = stream
                        ? Call.stream(anthropic, settings.chunks(), settings.chunkDelayMs())
                        : Call.nonStream(anthropic);
                int rate = stream ? settings.rate() : TRANSLATION_RATE;
                List<Call> calls = List.of(own, own.crossed());
                List<Tally> tallies = List.of(new Tally(), new Tally());
                for (int round = 0; round < config.rounds(); round++) {
                    for (int i = 0; i < calls.size(); i++) {
                        int k = (i + round) % calls.size();
                        Tally tally = tallies.get(k);
                        harness.slice(
                                gateway,
                                () -> OpenLoop.run(
                                        harness.context(),
                                        harness.client(gateway),
                                        new OpenLoop.Schedule(List.of(calls.get(k)), rate, config.slice()),
                                        c -> tally),
                                tally);
                    }
                }
                Tally ownTally = tallies.get(0);
                for (int k = 0; k < calls.size(); k++) {
                    Tally tally = tallies.get(k);
                    double cpu = cpuPerRequest(tally.proxyTicks(), tally.sentCount());
                    rows.add(new Results.TranslationRow(
                            stream ? "stream" : "plain",
                            own.protocol(),
                            k == 0 ? "own" : "translated",
                            tally.okCount(),
                            tally.errorCount(),
                            tally.lastFailure(),
                            ms(tally.latency(), 50),
                            ms(tally.latency(), 99),
                            stream ? ms(tally.firstByte(), 50) : 0,
                            round(ms(tally.latency(), 50) - ms(ownTally.latency(), 50)),
                            cpu,
                            round(cpu - cpuPerRequest(ownTally.proxyTicks(), ownTally.sentCount())),
                            otherCores(tally)));
                }
            }
        }
        System.out.println("  translation done");
        return rows;
    }

    /** Memory with many streams open at once through each proxy of {@code hold.paths}. */
    List<Results.HoldRow> hold() {
        List<Results.HoldRow> rows = new ArrayList<>();
        for (String name : config.hold().paths()) {
            Target target = harness.target(name);
            if (target.hasProxy()) {
                rows.add(hold(target));
                System.out.printf(
                        "  %d streams held through %s%n", config.hold().streams(), name);
            }
        }
        return rows;
    }

    private Results.HoldRow hold(Target target) {
        BenchConfig.HoldSettings settings = config.hold();
        Duration ramp = Duration.ofMillis(settings.streams() * 1000L / settings.openRate());
        // Streams outlive the ramp and the hold: one chunk a second, a few spare seconds at the end.
        int chunks = (int) (ramp.toSeconds() + settings.hold().toSeconds() + 5);
        List<Call> calls = List.of(Call.stream(false, chunks, 1000), Call.stream(true, chunks, 1000));
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        OpenLoop.Listener listener = new OpenLoop.Listener() {
            @Override
            public void firstByte() {
                started.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            }

            @Override
            public void ended(boolean hadFirstByte) {
                if (hadFirstByte) {
                    open.decrementAndGet();
                }
            }
        };
        Tally tally = new Tally();
        double before = mib(Proc.kib(target.pid(), "VmRSS"));
        // Its own client: every held stream needs a connection of its own.
        LoadClient client = harness.newClient(target, settings.streams() + 16);
        var done = OpenLoop.run(
                harness.context(),
                client,
                new OpenLoop.Schedule(calls, settings.openRate(), ramp),
                call -> tally,
                listener);
        long allOpenBy = System.nanoTime() + ramp.plusSeconds(15).toNanos();
        while (started.get() < settings.streams() && System.nanoTime() < allOpenBy && !done.isComplete()) {
            Harness.pause(Duration.ofMillis(100));
        }
        double maxRss = 0;
        long holdUntil = System.nanoTime() + settings.hold().toNanos();
        while (System.nanoTime() < holdUntil) {
            maxRss = Math.max(maxRss, mib(Proc.kib(target.pid(), "VmRSS")));
            Harness.pause(Duration.ofMillis(250)); // the RSS sampling interval
        }
        Harness.await(done);
        return new Results.HoldRow(
                target.name(),
                settings.streams(),
                maxOpen.get(),
                tally.errorCount(),
                tally.lastFailure(),
                before,
                maxRss,
                mib(Proc.kib(target.pid(), "VmHWM")));
    }

    /** A saturation slice on the gateway alone, for the profiler; returns the requests answered. */
    long loadGateway(Duration duration) {
        Target gateway = harness.target(Target.GATEWAY);
        Tally tally = new Tally();
        harness.slice(
                gateway,
                () -> ClosedLoop.run(
                        harness.contexts(),
                        harness.client(gateway),
                        NON_STREAM,
                        call -> tally,
                        new ClosedLoop.Workload(config.connections(), duration)),
                tally);
        return tally.okCount();
    }

    /** One slice of some phase. */
    private interface Slice {
        void run(Target target, Tally tally);
    }

    private Map<String, Tally> interleave(int rounds, Slice slice) {
        List<Target> targets = harness.targets();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        targets.forEach(target -> tallies.put(target.name(), new Tally()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get((i + round) % targets.size());
                slice.run(target, tallies.get(target.name()));
            }
        }
        return tallies;
    }

    private double cpuPerRequest(long ticks, long requests) {
        return requests == 0 ? 0 : round(ticks * microsPerTick / requests);
    }

    private double otherCores(Tally tally) {
        return round(tally.otherTicks() * microsPerTick / 1e6 / seconds(tally.measuredNanos()));
    }

    private static double throughput(Tally tally) {
        return tally.okCount() / seconds(tally.wallNanos());
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1e6);
    }

    private static double mib(long kib) {
        return round(kib / 1024.0);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
