package com.llmgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Main of the failover scenario (started by {@code bench/run.sh failover}, which owns the processes): one of two
 * providers fails a share of its requests, and the client-visible error rate, the added latency and the upstream calls
 * per request are measured with the gateway's health tracking off and then on.
 *
 * <p>The gateway gets two OpenAI providers on the same mock: {@value #FLAKY} (priority 0) whose {@code extra_headers}
 * carry {@code x-mock-fail-ratio}, so the mock fails that share of its calls with a 500, and {@value #HEALTHY}
 * (priority 1), which never fails; model {@value Call#OPENAI_MODEL} maps to both, {@code round_robin}. Phases, each an
 * open loop at one fixed rate of non-stream OpenAI requests:
 *
 * <ol>
 *   <li>{@code direct}: straight to the mock, the baseline of the added latency;
 *   <li>{@code gateway, healthy}: both providers healthy, the gateway's own overhead;
 *   <li>{@code health off}: the flaky provider fails, its circuit set never to trip;
 *   <li>{@code health on}: the same with tracking thresholds that trip.
 * </ol>
 *
 * Each provider edit goes through the admin API and starts the provider with a clean health record. Gateway-side
 * figures are differences of {@code /metrics} counters across each phase; the request log's {@code retry_count} (via
 * {@code /api/admin/logs/stats}) cross-checks the upstream calls.
 *
 * <pre>
 * java -cp llm-gateway-bench.jar com.llmgateway.bench.Failover --direct URL --gateway URL --mock-base URL/v1
 *     --mock-pid PID --gateway-pid PID --results DIR [--retry-delay-ms 100] [--retry-max-attempts 3] [--clk-tck 100]
 * </pre>
 */
public final class Failover {
    static final String FLAKY = "flaky-a";
    static final String HEALTHY = "healthy-b";
    static final String MODEL = Call.OPENAI_MODEL;
    private static final List<Call> CALLS = List.of(Call.nonStream(false));
    private static final int WARMUP_CONNECTIONS = 16;
    private static final Duration FAILING_WARMUP = Duration.ofSeconds(5);
    private static final Duration LOG_DRAIN = Duration.ofSeconds(30);

    private final FailoverConfig config;
    private final Harness harness;
    private final GatewayAdmin admin;
    private final long flakyId;
    private final double microsPerTick;

    private Failover(FailoverConfig config, Harness harness, GatewayAdmin admin, long flakyId, long clockTicks) {
        this.config = config;
        this.harness = harness;
        this.admin = admin;
        this.flakyId = flakyId;
        this.microsPerTick = 1e6 / clockTicks;
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        FailoverConfig config = FailoverConfig.from(System.getenv());
        BenchConfig load = BenchConfig.from(System.getenv());
        Target direct = Target.parse(Target.DIRECT, args.required("direct"), 0);
        Target gateway =
                Target.parse(Target.GATEWAY, args.required("gateway"), Long.parseLong(args.required("gateway-pid")));
        GatewayAdmin admin = new GatewayAdmin(args.required("gateway"));
        String startedAt = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(Instant.now().atZone(ZoneOffset.UTC));

        System.out.println("Provisioning the gateway (providers " + FLAKY + " and " + HEALTHY + ", model " + MODEL
                + ", round robin) ...");
        Provisioned setup = provision(admin, args.required("mock-base"), config);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scenario", config);
        settings.put("retryDelayMs", args.intValue("retry-delay-ms", 100));
        settings.put("retryMaxAttempts", args.intValue("retry-max-attempts", 3));
        settings.put("connections", load.connections());
        settings.put("mockFailStatus", 500);

        try (Harness harness = Harness.start(load, List.of(direct, gateway), setup.key(), mockPid(args))) {
            Failover run = new Failover(config, harness, admin, setup.flakyId(), args.intValue("clk-tck", 100));
            run.smokeTest();
            System.out.println("Warm-up ...");
            run.warmUp();
            System.out.println("Measuring at " + config.rate() + " req/s ...");
            List<Phase> phases = new ArrayList<>();
            phases.add(run.measure("direct", direct, "-", 0, config.baseline()));
            run.setFlaky(0, config.healthOn());
            phases.add(run.measure("gateway, both healthy", gateway, "on", 0, config.baseline()));
            run.setFlaky(config.failRatio(), config.healthOff());
            phases.add(run.measure("gateway, health off", gateway, "off", config.failRatio(), config.phase()));
            run.setFlaky(config.failRatio(), config.healthOn());
            phases.add(run.measure("gateway, health on", gateway, "on", config.failRatio(), config.phase()));
            List<FailoverResults.PhaseRow> rows = run.rows(phases);
            FailoverResults results = new FailoverResults(startedAt, environment(), settings, rows, notes(config));
            print(results, System.out);
            Path file = Path.of(args.required("results")).resolve("failover-" + startedAt + ".json");
            write(results, file);
            System.out.println("\nResults written to " + file);
        }
    }

    private static long mockPid(Args args) {
        return Long.parseLong(args.required("mock-pid"));
    }

    /** The gateway's configuration for this run. */
    private record Provisioned(long flakyId, long healthyId, String key) {}

    private static Provisioned provision(GatewayAdmin admin, String mockBase, FailoverConfig config) {
        long flaky = admin.post("/api/admin/providers", provider(FLAKY, mockBase, 0, config.healthOn()))
                .get("id")
                .asLong();
        long healthy = admin.post("/api/admin/providers", provider(HEALTHY, mockBase, -1, null))
                .get("id")
                .asLong();
        admin.post("/api/admin/models", Map.of("requested_model", MODEL, "strategy", "round_robin"));
        admin.post("/api/admin/model-providers", mapping(flaky, 0));
        admin.post("/api/admin/model-providers", mapping(healthy, 1));
        String key = admin.post("/api/admin/api-keys", Map.of("key_name", "bench-failover"))
                .get("key_value")
                .asText();
        return new Provisioned(flaky, healthy, key);
    }

    /** A provider on the mock; {@code failRatio} below 0 means no {@code x-mock-fail-ratio} header at all. */
    private static ObjectNode provider(String name, String mockBase, double failRatio, ObjectNode health) {
        ObjectNode json = GatewayAdmin.JSON
                .createObjectNode()
                .put("name", name)
                .put("base_url", mockBase)
                .put("protocol", "openai")
                .put("api_type", "chat")
                .put("api_key", "sk-mock-" + name);
        if (failRatio >= 0) {
            json.putObject("extra_headers").put(MockBehaviour.FAIL_RATIO_HEADER, Double.toString(failRatio));
        }
        if (health != null) {
            json.set("health", health);
        }
        return json;
    }

    private static Map<String, Object> mapping(long providerId, int priority) {
        return Map.of(
                "requested_model", MODEL,
                "provider_id", providerId,
                "target_model_name", "mock-gpt",
                "priority", priority);
    }

    /** Edits the flaky provider (which also gives it a clean health record) and lets the change settle. */
    private void setFlaky(double failRatio, ObjectNode health) {
        ObjectNode patch = GatewayAdmin.JSON.createObjectNode();
        patch.putObject("extra_headers").put(MockBehaviour.FAIL_RATIO_HEADER, Double.toString(failRatio));
        patch.set("health", health);
        admin.put("/api/admin/providers/" + flakyId, patch);
        Harness.pause(Duration.ofSeconds(1));
    }

    private void smokeTest() {
        for (Target target : harness.targets()) {
            Outcome outcome = Harness.await(Future.<Outcome>future(promise -> harness.context()
                    .runOnContext(v -> harness.client(target).send(CALLS.get(0), () -> {}, promise::complete))));
            if (!outcome.ok()) {
                throw new IllegalStateException(target.name() + " answered "
                        + (outcome.status() == 0 ? outcome.failure() : "HTTP " + outcome.status()));
            }
        }
    }

    /**
     * JIT warm-up: the gateway at saturation with both providers healthy, then at the phases' rate with the flaky
     * provider failing (so retries, failovers and circuit changes are compiled before they are measured); the direct
     * path briefly.
     */
    private void warmUp() {
        Target gateway = harness.target(Target.GATEWAY);
        Tally ignored = new Tally();
        harness.slice(
                gateway,
                () -> ClosedLoop.run(
                        harness.contexts(),
                        harness.client(gateway),
                        CALLS,
                        call -> ignored,
                        new ClosedLoop.Workload(WARMUP_CONNECTIONS, config.warmup())),
                ignored);
        setFlaky(config.failRatio(), config.healthOn());
        harness.slice(gateway, () -> openLoop(gateway, FAILING_WARMUP, ignored), ignored);
        Target direct = harness.target(Target.DIRECT);
        harness.slice(direct, () -> openLoop(direct, FAILING_WARMUP, ignored), ignored);
    }

    private Future<Void> openLoop(Target target, Duration duration, Tally tally) {
        return OpenLoop.run(
                harness.context(),
                harness.client(target),
                new OpenLoop.Schedule(CALLS, config.rate(), duration),
                call -> tally);
    }

    /** One phase as measured: the load generator's tally and, for the gateway, its counters before and after. */
    private record Phase(
            String name,
            Target target,
            String health,
            double failRatio,
            Tally tally,
            Instant start,
            Instant end,
            PromText before,
            PromText after,
            JsonNode flakyHealth) {}

    private Phase measure(String name, Target target, String health, double failRatio, Duration duration) {
        boolean gateway = target.hasProxy();
        PromText before = gateway ? admin.metrics() : null;
        Tally tally = new Tally();
        Instant start = Instant.now();
        harness.slice(target, () -> openLoop(target, duration, tally), tally);
        Instant end = Instant.now();
        PromText after = gateway ? admin.metrics() : null;
        JsonNode flakyHealth =
                gateway ? admin.get("/api/admin/providers/" + flakyId).get("health_status") : null;
        System.out.printf(
                "  %-22s %d sent, %d errors%s%n",
                name,
                tally.sentCount(),
                tally.errorCount(),
                flakyHealth == null ? "" : "; " + FLAKY + " at the end: " + states(flakyHealth));
        return new Phase(name, target, health, failRatio, tally, start, end, before, after, flakyHealth);
    }

    /** The provider's circuit state and its mappings' where they differ, e.g. {@code provider closed, mapping open}. */
    private static String states(JsonNode health) {
        StringBuilder text =
                new StringBuilder("provider ").append(health.path("state").asText());
        health.path("mappings")
                .forEach(mapping ->
                        text.append(", mapping ").append(mapping.path("state").asText()));
        return text.toString();
    }

    private List<FailoverResults.PhaseRow> rows(List<Phase> phases) {
        Histogram direct = phases.get(0).tally().answeredLatency();
        drainLog(phases);
        List<FailoverResults.PhaseRow> rows = new ArrayList<>();
        for (Phase phase : phases) {
            Tally tally = phase.tally();
            Histogram latency = tally.answeredLatency();
            FailoverResults.Gateway counters = phase.target().hasProxy() ? counters(phase) : null;
            rows.add(new FailoverResults.PhaseRow(
                    phase.name(),
                    phase.target().name(),
                    phase.health(),
                    phase.failRatio(),
                    config.rate(),
                    Runner.round(tally.wallNanos() / 1e9),
                    tally.sentCount(),
                    tally.okCount(),
                    tally.httpErrorCount(),
                    tally.transportErrorCount(),
                    share(tally.errorCount(), tally.sentCount()),
                    tally.lastFailure(),
                    ms(latency, 50),
                    ms(latency, 90),
                    ms(latency, 99),
                    Runner.round(latency.getMaxValue() / 1e6),
                    Runner.round(ms(latency, 50) - ms(direct, 50)),
                    Runner.round(ms(latency, 90) - ms(direct, 90)),
                    Runner.round(ms(latency, 99) - ms(direct, 99)),
                    counters,
                    phase.target().hasProxy() ? cpuPerRequest(tally.proxyTicks(), tally.sentCount()) : null,
                    Runner.round(
                            tally.otherTicks() * microsPerTick / 1e6 / Math.max(1e-9, tally.measuredNanos() / 1e9)),
                    phase.flakyHealth()));
        }
        return rows;
    }

    /**
     * The gateway's view of one phase, from {@code /metrics} differences. Provider {@value #HEALTHY} never fails, so
     * every failover went from {@value #FLAKY} to it, and the requests whose first attempt went to {@value #FLAKY} are
     * those it finally answered plus those that failed over.
     */
    private FailoverResults.Gateway counters(Phase phase) {
        double requests = delta(phase, "gateway_requests_total", sample -> true);
        double finalFlaky = delta(phase, "gateway_requests_total", provider(FLAKY));
        double failovers = delta(phase, "gateway_failovers_total", sample -> true);
        double retries = delta(phase, "gateway_retries_total", sample -> true);
        double callsFlaky = delta(phase, "gateway_upstream_errors_total", provider(FLAKY))
                + delta(phase, "gateway_requests_total", provider(FLAKY).and(status2xx()));
        double callsHealthy = delta(phase, "gateway_upstream_errors_total", provider(HEALTHY))
                + delta(phase, "gateway_requests_total", provider(HEALTHY).and(status2xx()));
        double openings = delta(
                phase,
                "gateway_provider_health_transitions_total",
                provider(FLAKY).and(sample -> sample.label("to").equals("open")));
        JsonNode log = admin.logTotals(MODEL, phase.start(), phase.end());
        long logRows = log.path("request_count").asLong();
        long logCalls =
                log.path("success_count").asLong() + log.path("retry_count").asLong();
        return new FailoverResults.Gateway(
                (long) requests,
                share(finalFlaky + failovers, requests),
                ratio(callsFlaky + callsHealthy, requests),
                ratio(callsFlaky, requests),
                ratio(callsHealthy, requests),
                (long) retries,
                (long) failovers,
                (long) openings,
                logRows,
                ratio(logCalls, logRows));
    }

    /** Waits until the request log holds a row for every request the gateway answered in the phases. */
    private void drainLog(List<Phase> phases) {
        Phase first =
                phases.stream().filter(p -> p.target().hasProxy()).findFirst().orElseThrow();
        Phase last = phases.get(phases.size() - 1);
        long expected = (long) phases.stream()
                .filter(p -> p.target().hasProxy())
                .mapToDouble(p -> delta(p, "gateway_requests_total", sample -> true))
                .sum();
        long deadline = System.nanoTime() + LOG_DRAIN.toNanos();
        long rows = 0;
        while (System.nanoTime() < deadline) {
            rows = admin.logTotals(MODEL, first.start(), last.end())
                    .path("request_count")
                    .asLong();
            if (rows >= expected) {
                return;
            }
            Harness.pause(Duration.ofMillis(500));
        }
        System.out.println("  the request log holds " + rows + " of " + expected + " rows after "
                + LOG_DRAIN.toSeconds() + " s; its figures are partial");
    }

    private static double delta(Phase phase, String name, Predicate<PromText.Sample> match) {
        Predicate<PromText.Sample> model = sample ->
                !sample.labels().containsKey("model") || sample.label("model").equals(MODEL);
        return phase.after().sum(name, model.and(match)) - phase.before().sum(name, model.and(match));
    }

    private static Predicate<PromText.Sample> provider(String name) {
        return sample -> sample.label("provider").equals(name);
    }

    private static Predicate<PromText.Sample> status2xx() {
        return sample -> sample.label("status_class").equals("2xx");
    }

    private double cpuPerRequest(long ticks, long requests) {
        return requests == 0 ? 0 : Runner.round(ticks * microsPerTick / requests);
    }

    private static double share(double part, double whole) {
        return whole == 0 ? 0 : Runner.round(part / whole);
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : Runner.round(part / whole);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : Runner.round(histogram.getValueAtPercentile(percentile) / 1e6);
    }

    private static Map<String, Object> environment() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put(
                "note",
                "load generator, mock and gateway share the machine; the gateway runs with its default launch"
                        + " settings except RETRY_DELAY_MS");
        return environment;
    }

    private static List<String> notes(FailoverConfig config) {
        return List.of(
                "latency is from each request's intended send time (open loop) to its last byte, over every request"
                        + " that got a status (errors included); added = the phase's percentile minus direct's",
                "errors = non-2xx answers plus transport failures, over requests sent",
                "firstAttemptShareFlaky = (requests finally answered by " + FLAKY + " + failovers) / requests: "
                        + HEALTHY + " never fails, so every failover went from " + FLAKY + " to it",
                "upstream calls = failed calls (gateway_upstream_errors_total) + successful ones (2xx answers), per"
                        + " provider; logCallsPerRequest = (success_count + retry_count) / request_count of the"
                        + " request log in the phase's time range, the same figure from the log",
                "circuitOpenings counts transitions to open of " + FLAKY + "'s circuits (provider and mapping)",
                "health on = " + config.healthOn() + "; health off = " + config.healthOff());
    }

    static void print(FailoverResults results, PrintStream out) {
        out.println();
        out.println("Failover: provider " + FLAKY + " fails a share of its calls with HTTP 500, " + HEALTHY
                + " never; round robin, " + results.phases().get(0).rate() + " req/s open loop, non-stream OpenAI");
        out.println("(latency ms from intended send time, over all answered requests; + = added over direct)");
        Table table = new Table(
                "phase",
                "A fails",
                "sent",
                "errors",
                "err %",
                "p50",
                "p90",
                "p99",
                "+p50",
                "+p90",
                "+p99",
                "1st->A",
                "calls/req",
                "A/req",
                "B/req",
                "A opens",
                "log calls/req",
                "gw us/req",
                "other");
        for (FailoverResults.PhaseRow row : results.phases()) {
            FailoverResults.Gateway gw = row.gateway();
            table.row(
                    row.phase(),
                    row.failRatio(),
                    row.sent(),
                    row.httpErrors() + row.transportErrors(),
                    Runner.round(row.errorRate() * 100),
                    row.p50Ms(),
                    row.p90Ms(),
                    row.p99Ms(),
                    row.addedP50Ms(),
                    row.addedP90Ms(),
                    row.addedP99Ms(),
                    gw == null ? "-" : gw.firstAttemptShareFlaky(),
                    gw == null ? "-" : gw.callsPerRequest(),
                    gw == null ? "-" : gw.callsToFlakyPerRequest(),
                    gw == null ? "-" : gw.callsToHealthyPerRequest(),
                    gw == null ? "-" : gw.circuitOpenings(),
                    gw == null ? "-" : gw.logCallsPerRequest(),
                    row.gatewayCpuUsPerRequest() == null ? "-" : row.gatewayCpuUsPerRequest(),
                    row.otherCores());
        }
        table.print(out);
        results.phases().stream()
                .filter(row -> row.lastError() != null)
                .forEach(row -> out.println("  " + row.phase() + ", last error: " + row.lastError()));
    }

    static void write(FailoverResults results, Path file) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
