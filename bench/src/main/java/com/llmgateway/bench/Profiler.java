package com.llmgateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records the gateway under saturation with JFR ({@code jcmd <pid> JFR.start}, so the measured phases ran without
 * it) and summarises where the time went.
 */
final class Profiler {
    private Profiler() {}

    static JfrSummary.Profile profile(Runner runner, long pid, String jcmd, Path file, Duration duration) {
        List<String> start = List.of(
                "JFR.start",
                "name=bench",
                "settings=profile",
                "filename=" + file,
                // 1 ms sampling instead of the profile's 10-20 ms: a short recording needs the samples.
                "jdk.ExecutionSample#period=1ms");
        List<String> cpuTime = List.of("jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=1ms");
        try {
            // jdk.CPUTimeSample (JDK 25, Linux) also counts time in native code such as socket writes.
            jcmd(jcmd, pid, concat(start, cpuTime));
        } catch (IllegalStateException e) {
            jcmd(jcmd, pid, start);
        }
        long requests;
        Map<String, Long> before = Proc.threadTicks(pid);
        Map<String, Long> after;
        try {
            requests = runner.loadGateway(duration);
        } finally {
            after = Proc.threadTicks(pid);
            jcmd(jcmd, pid, List.of("JFR.stop", "name=bench"));
        }
        return JfrSummary.summarise(file).withLoad(requests, cpuByThread(before, after));
    }

    /** Each thread group's share of the process's CPU time between two samples (GC and JIT threads included). */
    private static List<JfrSummary.Share> cpuByThread(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new HashMap<>();
        after.forEach((name, ticks) -> spent.put(name, ticks - before.getOrDefault(name, 0L)));
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        return spent.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(entry -> new JfrSummary.Share(entry.getKey(), JfrSummary.share(entry.getValue(), total)))
                .toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void jcmd(String jcmd, long pid, List<String> command) {
        List<String> line = concat(List.of(jcmd, Long.toString(pid)), command);
        try {
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", line));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", line) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
