package com.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's time goes, from a JFR recording: CPU-time or execution samples grouped by the library of the running
 * method, by the innermost gateway method on the stack, by thread, and by hottest method; plus garbage collection and
 * allocation (from the per-thread allocation counters, which are exact, unlike allocation samples). {@code main}
 * prints the summary of a recording file.
 */
public final class JfrSummary {
    private static final int TOP = 12;

    /** The summary of one recording; shares are fractions of all samples of {@code sampleEvent}. */
    record Profile(
            String file,
            String sampleEvent,
            long samples,
            List<Share> byLibrary,
            List<Share> byGatewayMethod,
            List<Share> byThread,
            List<Share> hottestMethods,
            long gcCount,
            double gcPauseMs,
            double allocatedMiB,
            long requests,
            double allocatedKiBPerRequest,
            List<Share> cpuByThread,
            String note) {
        /**
         * This profile with the number of requests the gateway answered while it was recorded and each thread group's
         * share of the process's CPU time meanwhile (from {@code /proc}, so GC and JIT threads are included).
         */
        Profile withLoad(long answered, List<Share> threads) {
            double perRequest = answered == 0 ? 0 : Runner.round(allocatedMiB * 1024 / answered);
            return new Profile(
                    file,
                    sampleEvent,
                    samples,
                    byLibrary,
                    byGatewayMethod,
                    byThread,
                    hottestMethods,
                    gcCount,
                    gcPauseMs,
                    allocatedMiB,
                    answered,
                    perRequest,
                    threads,
                    note);
        }
    }

    /** A name and its share of the samples. */
    record Share(String name, double share) {}

    private JfrSummary() {}

    public static void main(String[] args) {
        Profile profile = summarise(Path.of(args[0]));
        Report.printProfile(profile, System.out);
    }

    static Profile summarise(Path file) {
        Samples cpuTime = new Samples("jdk.CPUTimeSample");
        Samples execution = new Samples("jdk.ExecutionSample");
        Map<Long, long[]> allocatedByThread = new HashMap<>(); // thread id -> {first, last} cumulative bytes
        long gcCount = 0;
        double gcPauseMs = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.CPUTimeSample" -> cpuTime.add(event);
                    case "jdk.ExecutionSample" -> execution.add(event);
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
                    }
                    case "jdk.ThreadAllocationStatistics" -> {
                        long bytes = event.getLong("allocated");
                        allocatedByThread
                                .computeIfAbsent(event.getThread("thread").getId(), id -> new long[] {bytes, bytes})[
                                1] = bytes;
                    }
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // CPU-time samples (JDK 25 on Linux) include time in native code such as socket writes; prefer them.
        Samples samples = cpuTime.count > 0 ? cpuTime : execution;
        return new Profile(
                file.toString(),
                samples.event,
                samples.count,
                samples.library.top(samples.count),
                samples.gatewayMethod.top(samples.count),
                samples.thread.top(samples.count),
                samples.hottest.top(samples.count),
                gcCount,
                gcPauseMs,
                allocatedByThread.values().stream()
                                .mapToLong(span -> span[1] - span[0])
                                .sum()
                        / (1024.0 * 1024),
                0,
                0,
                List.of(),
                samples == cpuTime
                        ? "CPU-time samples cover Java threads, native frames included; JIT compiler and GC threads"
                                + " are in the process's CPU time but not in these shares."
                        : "Execution samples cover Java code only: time in system calls (socket reads and writes),"
                                + " the JIT compiler and GC threads is in the process's CPU time but not in these"
                                + " shares.");
    }

    /** Stack samples of one event type, grouped four ways. */
    private static final class Samples {
        private final String event;
        private final Counter library = new Counter();
        private final Counter gatewayMethod = new Counter();
        private final Counter thread = new Counter();
        private final Counter hottest = new Counter();
        private long count;

        Samples(String event) {
            this.event = event;
        }

        void add(RecordedEvent sample) {
            count++;
            List<RecordedFrame> frames = frames(sample.getStackTrace());
            library.add(frames.isEmpty() ? "(no stack)" : library(frames.get(0)), 1);
            gatewayMethod.add(innermostGatewayMethod(frames), 1);
            thread.add(threadName(sample), 1);
            hottest.add(frames.isEmpty() ? "(no stack)" : method(frames.get(0)), 1);
        }
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The gateway method closest to the running code, or the library of the running code when none is on the stack. */
    private static String innermostGatewayMethod(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (frame.getMethod().getType().getName().startsWith("com.llmgateway.")) {
                return method(frame).replace("com.llmgateway.", "");
            }
        }
        return frames.isEmpty() ? "(no stack)" : "(no gateway frame) " + library(frames.get(0));
    }

    private static String library(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName().replaceAll("\\$\\$Lambda.*", "");
        if (type.startsWith("com.llmgateway.")) {
            return "gateway: " + type.substring("com.llmgateway.".length(), type.lastIndexOf('.'));
        }
        for (String[] rule : LIBRARIES) {
            if (type.startsWith(rule[0])) {
                return rule[1];
            }
        }
        return type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
    }

    private static final String[][] LIBRARIES = {
        {"io.netty.", "netty"},
        {"io.vertx.ext.web.", "vertx-web"},
        {"io.vertx.", "vertx-core"},
        {"com.fasterxml.jackson.", "jackson"},
        {"org.sqlite.", "sqlite-jdbc"},
        {"com.zaxxer.hikari.", "hikari"},
        {"ch.qos.logback.", "logback"},
        {"org.slf4j.", "slf4j"},
        {"com.knuddels.jtokkit.", "jtokkit"},
        {"io.micrometer.", "micrometer"},
        {"java.util.concurrent.", "java.util.concurrent"},
        {"java.util.regex.", "java.util.regex"},
        {"java.", "jdk (java.*)"},
        {"jdk.", "jdk (jdk.*)"},
        {"sun.", "jdk (sun.*)"},
    };

    private static String threadName(RecordedEvent event) {
        var thread = event.hasField("sampledThread") ? event.getThread("sampledThread") : event.getThread();
        String name = thread == null ? "(unknown)" : thread.getJavaName();
        return name == null ? "(unnamed)" : name;
    }

    static double share(long part, long total) {
        return Math.round(10_000.0 * part / total) / 10_000.0;
    }

    /** Weighted counts by name. */
    private static final class Counter {
        private final Map<String, Long> counts = new HashMap<>();

        void add(String name, long weight) {
            counts.merge(name, weight, Long::sum);
        }

        List<Share> top(long total) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(TOP)
                    .map(entry -> new Share(entry.getKey(), total == 0 ? 0 : share(entry.getValue(), total)))
                    .toList();
        }
    }
}
