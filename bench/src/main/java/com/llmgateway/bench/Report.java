package com.llmgateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The run as tables on the terminal, as JSON on disk, and judged against the goals of the issue. */
final class Report {
    static final double CPU_RATIO_GOAL = 2.0;
    static final double THROUGHPUT_GOAL = 0.6;
    static final double ADDED_P50_GOAL_MS = 0.3;
    static final int ADDED_P50_GOAL_RATE = 1000;
    static final double RSS_GOAL_MIB = 512;
    private static final String NOT_MEASURED = "not measured";

    private Report() {}

    static List<Results.Goal> goals(
            List<Results.RateRow> rates,
            List<Results.SaturationRow> saturation,
            List<Results.HoldRow> hold,
            Results.LogRow log) {
        List<Results.Goal> goals = new ArrayList<>();
        double saturationRatio = ratio(
                find(saturation, Target.GATEWAY).map(Results.SaturationRow::proxyCpuUsPerRequest),
                find(saturation, Target.NGINX).map(Results.SaturationRow::proxyCpuUsPerRequest));
        int topRate = rates.stream().mapToInt(Results.RateRow::rate).max().orElse(0);
        double rateRatio = ratio(
                rate(rates, topRate, Target.GATEWAY).map(Results.RateRow::proxyCpuUsPerRequest),
                rate(rates, topRate, Target.NGINX).map(Results.RateRow::proxyCpuUsPerRequest));
        goals.add(new Results.Goal(
                "CPU per request <= " + CPU_RATIO_GOAL + "x nginx's",
                String.format("%.2fx at saturation, %.2fx at %d req/s", saturationRatio, rateRatio, topRate),
                Double.isNaN(saturationRatio) && Double.isNaN(rateRatio)
                        ? NOT_MEASURED
                        : verdict(!(saturationRatio > CPU_RATIO_GOAL) && !(rateRatio > CPU_RATIO_GOAL))));
        double gatewayFraction = find(saturation, Target.GATEWAY)
                .map(Results.SaturationRow::fractionOfDirect)
                .orElse(0.0);
        double nginxFraction = find(saturation, Target.NGINX)
                .map(Results.SaturationRow::fractionOfDirect)
                .orElse(0.0);
        goals.add(new Results.Goal(
                "max throughput >= " + THROUGHPUT_GOAL + " of direct",
                String.format("%.2f (nginx %.2f)", gatewayFraction, nginxFraction),
                saturation.isEmpty() ? NOT_MEASURED : verdict(gatewayFraction >= THROUGHPUT_GOAL)));
        Optional<Results.RateRow> atGoalRate = rate(rates, ADDED_P50_GOAL_RATE, Target.GATEWAY);
        goals.add(new Results.Goal(
                "added p50 < " + ADDED_P50_GOAL_MS + " ms at " + ADDED_P50_GOAL_RATE + " req/s",
                atGoalRate
                        .map(row -> String.format(
                                "%.3f ms (nginx %.3f ms)",
                                row.addedP50Ms(),
                                rate(rates, ADDED_P50_GOAL_RATE, Target.NGINX)
                                        .map(Results.RateRow::addedP50Ms)
                                        .orElse(0.0)))
                        .orElse("not run (rate not in BENCH_RATES)"),
                atGoalRate
                        .map(row -> verdict(row.addedP50Ms() < ADDED_P50_GOAL_MS))
                        .orElse(NOT_MEASURED)));
        Optional<Results.HoldRow> held =
                hold.stream().filter(row -> row.path().equals(Target.GATEWAY)).findFirst();
        goals.add(new Results.Goal(
                "RSS < " + (int) RSS_GOAL_MIB + " MiB with 2,000 concurrent streams",
                held.map(row -> String.format(
                                "%.0f MiB max while %d streams open (VmHWM %.0f MiB)",
                                row.rssMaxWhileHeldMiB(), row.maxOpen(), row.peakRssMiB()))
                        .orElse("not run"),
                held.map(row -> row.maxOpen() < 2000
                                ? NOT_MEASURED + " (" + row.maxOpen() + " streams open at most)"
                                : verdict(row.rssMaxWhileHeldMiB() < RSS_GOAL_MIB))
                        .orElse(NOT_MEASURED)));
        goals.add(new Results.Goal(
                "zero rows missing from the log",
                log.rows() + " rows for " + log.answered() + " answered requests",
                !log.checked()
                        ? NOT_MEASURED
                        : log.writerAbsent()
                                ? NOT_MEASURED + " (log writer not present)"
                                : verdict(log.missing() == 0)));
        return goals;
    }

    static void print(Results results, PrintStream out) {
        BenchConfig config = results.config();
        out.printf(
                "%nAdded latency at fixed rates (open loop, from the intended send time; %d x %d s per path,"
                        + " interleaved; ms; CPU in us per request; other = cores used by other processes)%n",
                config.rounds(), config.slice().toSeconds());
        Table rates = new Table(
                "rate",
                "path",
                "sent",
                "err",
                "p50",
                "p90",
                "p99",
                "+p50",
                "+p90",
                "+p99",
                "proxy us/req",
                "mock us/req",
                "other");
        for (Results.RateRow row : results.fixedRate()) {
            rates.row(
                    row.rate(),
                    row.path(),
                    row.sent(),
                    row.errors(),
                    row.p50Ms(),
                    row.p90Ms(),
                    row.p99Ms(),
                    row.addedP50Ms(),
                    row.addedP90Ms(),
                    row.addedP99Ms(),
                    row.proxyCpuUsPerRequest(),
                    row.mockCpuUsPerRequest(),
                    row.otherCores());
        }
        rates.print(out);
        out.printf("%nMaximum throughput (closed loop, %d connections)%n", config.connections());
        Table saturation = new Table(
                "path",
                "req/s",
                "x direct",
                "err",
                "proxy us/req",
                "proxy writes/req",
                "proxy cores",
                "p50 ms",
                "p99 ms",
                "other");
        for (Results.SaturationRow row : results.saturation()) {
            saturation.row(
                    row.path(),
                    Math.round(row.requestsPerSecond()),
                    row.fractionOfDirect(),
                    row.errors(),
                    row.proxyCpuUsPerRequest(),
                    row.proxyWritesPerRequest(),
                    row.proxyCores(),
                    row.p50Ms(),
                    row.p99Ms(),
                    row.otherCores());
        }
        saturation.print(out);
        out.printf(
                "%nStream time to first byte (open loop, %d streams/s of %d chunks %d ms apart; ms)%n",
                config.stream().rate(),
                config.stream().chunks(),
                config.stream().chunkDelayMs());
        Table streams = new Table(
                "path",
                "protocol",
                "ok",
                "err",
                "ttfb p50",
                "ttfb p90",
                "ttfb p99",
                "+p50",
                "+p99",
                "total p50",
                "proxy us/stream",
                "other");
        for (Results.StreamRow row : results.streams()) {
            streams.row(
                    row.path(),
                    row.protocol(),
                    row.ok(),
                    row.errors(),
                    row.ttfbP50Ms(),
                    row.ttfbP90Ms(),
                    row.ttfbP99Ms(),
                    row.addedTtfbP50Ms(),
                    row.addedTtfbP99Ms(),
                    row.totalP50Ms(),
                    row.proxyCpuUsPerStream(),
                    row.otherCores());
        }
        streams.print(out);
        if (!results.translation().isEmpty()) {
            out.printf(
                    "%nTranslation (gateway only; plain calls at %d req/s, streams as above; ms, us)%n",
                    Runner.TRANSLATION_RATE);
            Table translation = new Table(
                    "call",
                    "client",
                    "provider",
                    "ok",
                    "err",
                    "p50",
                    "p99",
                    "ttfb p50",
                    "+p50",
                    "proxy us/req",
                    "+us/req",
                    "other");
            for (Results.TranslationRow row : results.translation()) {
                translation.row(
                        row.call(),
                        row.client(),
                        row.provider(),
                        row.ok(),
                        row.errors(),
                        row.latencyP50Ms(),
                        row.latencyP99Ms(),
                        row.ttfbP50Ms(),
                        row.addedP50Ms(),
                        row.proxyCpuUsPerRequest(),
                        row.addedCpuUsPerRequest(),
                        row.otherCores());
            }
            translation.print(out);
        }
        out.printf(
                "%nConcurrent streams held open (%d s; MiB)%n",
                config.hold().hold().toSeconds());
        Table hold = new Table("path", "streams", "max open", "err", "RSS before", "RSS max held", "VmHWM");
        for (Results.HoldRow row : results.hold()) {
            hold.row(
                    row.path(),
                    row.streams(),
                    row.maxOpen(),
                    row.errors(),
                    row.rssBeforeMiB(),
                    row.rssMaxWhileHeldMiB(),
                    row.peakRssMiB());
        }
        hold.print(out);
        Results.LogRow log = results.log();
        out.printf(
                "%nRequest log: %d rows for %d requests the gateway answered (%d transport failures): %s%n",
                log.rows(), log.answered(), log.transportFailures(), log.verdict());
        out.printf("%nGoals (p99 on a shared 2-core machine is mostly scheduler noise: judge p50, CPU and"
                + " throughput)%n");
        for (Results.Goal goal : results.goals()) {
            out.printf("  %-48s %-55s %s%n", goal.goal(), goal.measured(), goal.verdict());
        }
        if (results.profile() != null) {
            printProfile(results.profile(), out);
        }
        printErrors(results, out);
    }

    static void printProfile(JfrSummary.Profile profile, PrintStream out) {
        out.printf(
                "%nGateway profile under saturation (JFR, %d %s events, %s)%n",
                profile.samples(), profile.sampleEvent(), profile.file());
        shares(out, "by library of the running method", profile.byLibrary());
        shares(out, "by innermost gateway method on the stack", profile.byGatewayMethod());
        shares(out, "by thread", profile.byThread());
        shares(out, "process CPU time by thread (/proc: GC and JIT threads included)", profile.cpuByThread());
        shares(out, "hottest methods", profile.hottestMethods());
        out.printf(
                "  GC: %d collections, %.1f ms paused; allocated %.0f MiB by all threads while recording"
                        + " (%.1f KiB per request over %d requests)%n",
                profile.gcCount(),
                profile.gcPauseMs(),
                profile.allocatedMiB(),
                profile.allocatedKiBPerRequest(),
                profile.requests());
        out.printf("  (%s)%n", profile.note());
    }

    static void write(Results results, Path file) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printErrors(Results results, PrintStream out) {
        List<String> errors = new ArrayList<>();
        results.fixedRate().stream()
                .filter(row -> row.errors() > 0)
                .forEach(row -> errors.add(row.path() + " at " + row.rate() + " req/s: " + row.lastError()));
        results.saturation().stream()
                .filter(row -> row.errors() > 0)
                .forEach(row -> errors.add(row.path() + " at saturation: " + row.lastError()));
        results.streams().stream()
                .filter(row -> row.errors() > 0)
                .forEach(row -> errors.add(row.path() + " " + row.protocol() + " streams: " + row.lastError()));
        results.translation().stream()
                .filter(row -> row.errors() > 0)
                .forEach(row -> errors.add(row.client() + " " + row.call() + " calls, " + row.provider() + " provider: "
                        + row.lastError()));
        results.hold().stream()
                .filter(row -> row.errors() > 0)
                .forEach(row -> errors.add(row.path() + " held streams: " + row.lastError()));
        if (!errors.isEmpty()) {
            out.println("\nLast error of each phase with errors:");
            errors.forEach(error -> out.println("  " + error));
        }
    }

    private static void shares(PrintStream out, String title, List<JfrSummary.Share> shares) {
        out.println("  " + title + ":");
        for (JfrSummary.Share share : shares) {
            out.printf("    %5.1f%%  %s%n", share.share() * 100, share.name());
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static double ratio(Optional<Double> value, Optional<Double> reference) {
        return value.isPresent() && reference.isPresent() && reference.get() > 0
                ? value.get() / reference.get()
                : Double.NaN;
    }

    private static Optional<Results.SaturationRow> find(List<Results.SaturationRow> rows, String path) {
        return rows.stream().filter(row -> row.path().equals(path)).findFirst();
    }

    private static Optional<Results.RateRow> rate(List<Results.RateRow> rows, int rate, String path) {
        return rows.stream()
                .filter(row -> row.rate() == rate && row.path().equals(path))
                .findFirst();
    }
}
