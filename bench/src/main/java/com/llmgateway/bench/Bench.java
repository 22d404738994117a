package com.llmgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Main of the benchmark run (started by {@code bench/run.sh}, which owns the processes): measures the direct path to
 * the mock, nginx in front of it and the gateway in front of it, in one run with the paths interleaved, prints the
 * tables and writes {@code results/bench-<time>.json}.
 *
 * <pre>
 * java -jar llm-gateway-bench.jar --direct URL --nginx URL --gateway URL --key GATEWAY_KEY
 *     --mock-pid PID --nginx-pid PID --gateway-pid PID --db GATEWAY_SQLITE_FILE --results DIR
 *     [--clk-tck 100] [--jcmd PATH] [--nginx-version TEXT]
 * </pre>
 *
 * Durations and rates come from {@code BENCH_*} environment variables ({@link BenchConfig}).
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        BenchConfig config = BenchConfig.from(System.getenv());
        List<Target> targets = List.of(
                Target.parse(Target.DIRECT, args.required("direct"), 0),
                Target.parse(Target.NGINX, args.required("nginx"), Long.parseLong(args.required("nginx-pid"))),
                Target.parse(Target.GATEWAY, args.required("gateway"), Long.parseLong(args.required("gateway-pid"))));
        long mockPid = Long.parseLong(args.required("mock-pid"));
        Path resultsDir = Path.of(args.required("results"));
        String startedAt = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(Instant.now().atZone(ZoneOffset.UTC));

        try (Harness harness = Harness.start(config, targets, args.required("key"), mockPid)) {
            Runner runner = new Runner(config, harness, args.intValue("clk-tck", 100));
            System.out.println("Smoke test and warm-up ...");
            runner.smokeTest();
            runner.warmUp();
            System.out.println("Measuring (paths interleaved) ...");
            List<Results.RateRow> rates = config.runs("rates") ? runner.fixedRates() : List.of();
            List<Results.SaturationRow> saturation = config.runs("saturation") ? runner.saturation() : List.of();
            List<Results.StreamRow> streams = config.runs("streams") ? runner.streams() : List.of();
            List<Results.TranslationRow> translation = config.runs("translation") ? runner.translation() : List.of();
            JfrSummary.Profile profile =
                    config.runs("profile") ? profile(args, config, runner, resultsDir, startedAt, harness) : null;
            // Last: the proxies keep the thousands of upstream connections it opens alive for a while, which would
            // change what the phases after it measure.
            List<Results.HoldRow> hold = config.runs("hold") ? runner.hold() : List.of();
            Target gateway = harness.target(Target.GATEWAY);
            Results.LogRow log = config.runs("log")
                    ? checkLog(args.required("db"), harness.answered(gateway), harness.failed(gateway), config)
                    : Results.LogRow.notChecked(harness.answered(gateway), harness.failed(gateway));
            Results results = new Results(
                    startedAt,
                    environment(args),
                    config,
                    rates,
                    saturation,
                    streams,
                    translation,
                    hold,
                    log,
                    profile,
                    Report.goals(rates, saturation, hold, log));
            Report.print(results, System.out);
            Path file = resultsDir.resolve("bench-" + startedAt + ".json");
            Report.write(results, file);
            System.out.println("\nResults written to " + file);
        }
    }

    private static Results.LogRow checkLog(String db, long answered, long failed, BenchConfig config)
            throws InterruptedException {
        System.out.println("Waiting for the request log to drain ...");
        return LogCheck.check(db, answered, failed, config.logDrain());
    }

    private static JfrSummary.Profile profile(
            Args args, BenchConfig config, Runner runner, Path dir, String startedAt, Harness harness)
            throws Exception {
        String jcmd = args.text("jcmd", "");
        if (config.profile().isZero() || jcmd.isEmpty()) {
            return null;
        }
        System.out.println("Profiling the gateway under saturation (JFR) ...");
        Files.createDirectories(dir);
        Path file = dir.toAbsolutePath().resolve("gateway-" + startedAt + ".jfr");
        try {
            return Profiler.profile(runner, harness.target(Target.GATEWAY).pid(), jcmd, file, config.profile());
        } catch (RuntimeException e) {
            // The measurements stand without a profile.
            System.out.println("  profiling failed, skipped: " + e.getMessage());
            return null;
        }
    }

    private static Map<String, Object> environment(Args args) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("nginx", args.text("nginx-version", "unknown"));
        environment.put(
                "note",
                "load generator, mock, nginx and gateway share the machine; the gateway runs with its default"
                        + " launch settings (java -jar, no heap flags)");
        return environment;
    }
}
