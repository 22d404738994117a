package com.llmgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Linux says about a process and its descendants (nginx's master and worker): CPU time from
 * {@code /proc/<pid>/stat} (utime + stime, every thread included) and memory from {@code /proc/<pid>/status}.
 */
final class Proc {
    private Proc() {}

    /** The process and its descendants that are alive now. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid)
                .map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                        .map(ProcessHandle::pid)
                        .toList())
                .orElse(List.of());
    }

    /** User plus system CPU time of the tree, in clock ticks. */
    static long cpuTicks(long pid) {
        long ticks = 0;
        for (long member : tree(pid)) {
            ticks += ownCpuTicks(member);
        }
        return ticks;
    }

    /**
     * CPU ticks of each thread of one process so far, by thread name ({@code comm}, which Linux cuts to 15
     * characters) with trailing numbers dropped, so that "GC Thread#0" and "GC Thread#1" add up.
     */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = read(task.resolve("stat"));
                if (!stat.isEmpty()) {
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[#\\-]?[0-9]+$", "");
                    ticks.merge(name, ownCpuTicks(stat), Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** Write system calls of the tree so far ({@code syscw} of {@code /proc/<pid>/io}; needs root or the same user). */
    static long writeCalls(long pid) {
        long calls = 0;
        for (long member : tree(pid)) {
            for (String line :
                    read(Path.of("/proc", Long.toString(member), "io")).split("\n")) {
                if (line.startsWith("syscw:")) {
                    calls += Long.parseLong(line.substring("syscw:".length()).trim());
                }
            }
        }
        return calls;
    }

    /** Busy time of all CPUs since boot ({@code /proc/stat}: everything but idle and iowait), in clock ticks. */
    static long machineBusyTicks() {
        String[] fields = read(Path.of("/proc/stat"))
                .lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    /** A {@code kB} field of {@code /proc/<pid>/status} summed over the tree ({@code VmRSS}, {@code VmHWM}). */
    static long kib(long pid, String field) {
        long total = 0;
        for (long member : tree(pid)) {
            total += ownKib(member, field);
        }
        return total;
    }

    private static long ownCpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? 0 : ownCpuTicks(stat);
    }

    private static long ownCpuTicks(String stat) {
        // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 (utime) and 15 (stime)
    }

    private static long ownKib(long pid, String field) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(
                        line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        return 0;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (java.nio.file.NoSuchFileException e) {
            return ""; // the process ended between listing and reading
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
