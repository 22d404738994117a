package com.llmgateway.bench;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard each phase runs, from {@code BENCH_*} environment variables (defaults below keep a whole run
 * near five minutes on a 2-core machine, build excluded).
 */
record BenchConfig(
        int rounds,
        Duration slice,
        List<Integer> rates,
        Duration warmup,
        int connections,
        int clientLoops,
        StreamSettings stream,
        HoldSettings hold,
        Duration profile,
        Duration logDrain,
        Duration settle,
        List<String> phases) {
    static final int DEFAULT_ROUNDS = 3;
    static final int DEFAULT_SLICE_SECONDS = 5;
    static final String DEFAULT_RATES = "500,1000,2000";
    static final int DEFAULT_WARMUP_SECONDS = 20;
    static final int DEFAULT_CONNECTIONS = 64;
    static final int DEFAULT_CLIENT_LOOPS = 2;
    static final int DEFAULT_STREAM_RATE = 100;
    static final int DEFAULT_STREAM_CHUNKS = 20;
    static final int DEFAULT_STREAM_CHUNK_DELAY_MS = 10;
    static final int DEFAULT_HOLD_STREAMS = 2000;
    static final int DEFAULT_HOLD_SECONDS = 10;
    static final int DEFAULT_HOLD_OPEN_RATE = 1000;
    static final String DEFAULT_HOLD_PATHS = "gateway,nginx";
    static final int DEFAULT_PROFILE_SECONDS = 10;
    static final int DEFAULT_LOG_DRAIN_SECONDS = 30;
    static final int DEFAULT_SETTLE_MS = 300;
    static final String ALL_PHASES = "rates,saturation,streams,translation,profile,hold,log";

    /** The stream time-to-first-byte phase: streams per second and their shape. */
    record StreamSettings(int rate, int chunks, long chunkDelayMs) {}

    /** The memory phase: streams held open at once on each of {@code paths}, opened at {@code openRate} per second. */
    record HoldSettings(int streams, Duration hold, int openRate, List<String> paths) {}

    static BenchConfig from(Map<String, String> env) {
        return new BenchConfig(
                number(env, "BENCH_ROUNDS", DEFAULT_ROUNDS),
                seconds(env, "BENCH_SLICE_SECONDS", DEFAULT_SLICE_SECONDS),
                Arrays.stream(env.getOrDefault("BENCH_RATES", DEFAULT_RATES).split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList(),
                seconds(env, "BENCH_WARMUP_SECONDS", DEFAULT_WARMUP_SECONDS),
                number(env, "BENCH_CONNECTIONS", DEFAULT_CONNECTIONS),
                number(env, "BENCH_CLIENT_LOOPS", DEFAULT_CLIENT_LOOPS),
                new StreamSettings(
                        number(env, "BENCH_STREAM_RATE", DEFAULT_STREAM_RATE),
                        number(env, "BENCH_STREAM_CHUNKS", DEFAULT_STREAM_CHUNKS),
                        number(env, "BENCH_STREAM_CHUNK_DELAY_MS", DEFAULT_STREAM_CHUNK_DELAY_MS)),
                new HoldSettings(
                        number(env, "BENCH_HOLD_STREAMS", DEFAULT_HOLD_STREAMS),
                        seconds(env, "BENCH_HOLD_SECONDS", DEFAULT_HOLD_SECONDS),
                        number(env, "BENCH_HOLD_OPEN_RATE", DEFAULT_HOLD_OPEN_RATE),
                        list(env.getOrDefault("BENCH_HOLD_PATHS", DEFAULT_HOLD_PATHS))),
                seconds(env, "BENCH_PROFILE_SECONDS", DEFAULT_PROFILE_SECONDS),
                seconds(env, "BENCH_LOG_DRAIN_SECONDS", DEFAULT_LOG_DRAIN_SECONDS),
                Duration.ofMillis(number(env, "BENCH_SETTLE_MS", DEFAULT_SETTLE_MS)),
                list(env.getOrDefault("BENCH_PHASES", ALL_PHASES)));
    }

    /** Whether {@code phase} (one of {@link #ALL_PHASES}) runs. */
    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** This configuration as JSON: durations in seconds (or milliseconds where the name says so). */
    @JsonValue
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rounds", rounds);
        out.put("sliceSeconds", slice.toSeconds());
        out.put("rates", rates);
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("connections", connections);
        out.put("clientLoops", clientLoops);
        out.put("streamRate", stream.rate());
        out.put("streamChunks", stream.chunks());
        out.put("streamChunkDelayMs", stream.chunkDelayMs());
        out.put("holdStreams", hold.streams());
        out.put("holdSeconds", hold.hold().toSeconds());
        out.put("holdOpenRate", hold.openRate());
        out.put("holdPaths", hold.paths());
        out.put("profileSeconds", profile.toSeconds());
        out.put("logDrainSeconds", logDrain.toSeconds());
        out.put("settleMs", settle.toMillis());
        out.put("phases", phases);
        return out;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds(number(env, name, fallback));
    }
}
