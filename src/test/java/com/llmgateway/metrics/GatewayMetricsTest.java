package com.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.config.Settings;
import com.llmgateway.config.SettingsLoader;
import com.llmgateway.metrics.GatewayMetrics.TokenSource;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.Endpoint;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.testing.Routing;
import com.llmgateway.usage.ResponseSummary;
import com.llmgateway.usage.TokenUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayMetricsTest {
    static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    static final Clock NOW = Clock.fixed(T0.plusMillis(1500), ZoneOffset.UTC);
    static final Settings SETTINGS = SettingsLoader.load(
            Map.of("UPSTREAM_MAX_CONNECTIONS", "64", "UPSTREAM_MAX_WAIT_QUEUE", "128", "LOG_QUEUE_CAPACITY", "500"),
            Path.of("no.env"));

    private final SnapshotHolder snapshots = new SnapshotHolder();

    GatewayMetricsTest() {
        snapshots.set(Routing.builder()
                .provider(1, "http://a.test/v1", Protocol.OPENAI)
                .provider(2, "http://b.test/v1", Protocol.OPENAI)
                .map("gpt", 1, "gpt-a", 0)
                .map("gpt", 2, "gpt-b", 1)
                .build());
    }

    private GatewayMetrics metrics(TokenSource source) {
        return new GatewayMetrics(SETTINGS, snapshots, source, NOW);
    }

    private static Scrape scrape(GatewayMetrics metrics) {
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void aRequestIsCountedByModelProviderEndpointProtocolAndStatus() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(exchange().build());
        metrics.exchangeFinished(
                exchange().status(429).attempts(failed(1, 429, false)).build());

        Scrape scrape = scrape(metrics);
        assertThat(scrape.series(
                        "gateway_requests_total",
                        "model",
                        "gpt",
                        "provider",
                        "provider-1",
                        "endpoint",
                        "chat_completions",
                        "protocol",
                        "openai",
                        "status",
                        "200",
                        "status_class",
                        "2xx"))
                .singleElement()
                .extracting(Scrape.Sample::value)
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_requests_total", "status", "429", "status_class", "4xx"))
                .isEqualTo(1.0);
    }

    @ParameterizedTest(name = "status {0} is in class {1}")
    @CsvSource({"200, 2xx", "204, 2xx", "302, 3xx", "400, 4xx", "499, 4xx", "500, 5xx", "599, 5xx", "0, none"})
    void statusClasses(int status, String statusClass) {
        assertThat(ExchangeMeters.statusClass(status)).isEqualTo(statusClass);
    }

    @Test
    void namesThatAreNotConfiguredAreLabelledUnknownAndNeverExposed() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(exchange()
                .model("made-up-model\"}\nevil 1")
                .attempts(new AttemptRecord(9, "ghost-provider", "t", 200, false, 5, Optional.empty()))
                .build());

        Scrape scrape = scrape(metrics);
        assertThat(scrape.sum("gateway_requests_total", "model", "unknown", "provider", "unknown"))
                .isEqualTo(1.0);
        assertThat(scrape.text())
                .doesNotContain("made-up")
                .doesNotContain("ghost")
                .doesNotContain("evil");
    }

    @Test
    void thousandsOfDistinctUnknownModelsMakeOneSeries() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        for (int i = 0; i < 5_000; i++) {
            metrics.exchangeFinished(
                    exchange().model("random-" + i).status(404).attempts().build());
        }

        Scrape scrape = scrape(metrics);
        assertThat(scrape.series("gateway_requests_total")).hasSize(1);
        assertThat(scrape.sum("gateway_requests_total", "model", "unknown", "provider", "none", "status", "404"))
                .isEqualTo(5_000.0);
    }

    /** A failover path, then what the retry, failover and upstream-error counters should show. */
    static Stream<Arguments> attemptPaths() {
        return Stream.of(
                Arguments.of("first call succeeds", List.of(ok(1)), 0, 0, Map.of()),
                Arguments.of("one retry", List.of(failed(1, 500, false), ok(1)), 1, 0, Map.of("http_5xx", 1)),
                Arguments.of(
                        "provider exhausted, then failover",
                        List.of(failed(1, 500, false), failed(1, 502, false), failed(1, 503, false), ok(2)),
                        2,
                        1,
                        Map.of("http_5xx", 3)),
                Arguments.of(
                        "client error fails over at once",
                        List.of(failed(1, 400, false), ok(2)),
                        0,
                        1,
                        Map.of("http_4xx", 1)),
                Arguments.of(
                        "transport failures by class",
                        List.of(failed(1, 504, true), failed(1, 502, true), failed(2, 503, true)),
                        1,
                        1,
                        Map.of("timeout", 1, "connection", 1, "pool_full", 1)),
                Arguments.of("routing error: no attempt", List.of(), 0, 0, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attemptPaths")
    void retriesFailoversAndUpstreamErrors(
            String name, List<AttemptRecord> attempts, int retries, int failovers, Map<String, Integer> errors) {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(
                exchange().attempts(attempts.toArray(AttemptRecord[]::new)).build());

        Scrape scrape = scrape(metrics);
        assertThat(scrape.sum("gateway_retries_total", "model", "gpt")).isEqualTo(retries);
        assertThat(scrape.sum("gateway_failovers_total", "model", "gpt")).isEqualTo(failovers);
        assertThat(scrape.sum("gateway_upstream_errors_total"))
                .isEqualTo(errors.values().stream().mapToInt(Integer::intValue).sum());
        errors.forEach((errorClass, count) -> assertThat(
                        scrape.sum("gateway_upstream_errors_total", "model", "gpt", "error_class", errorClass))
                .as(errorClass)
                .isEqualTo(count.doubleValue()));
    }

    @Test
    void upstreamErrorsAndRetriesNameTheProviderOfTheFailedCall() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(exchange()
                .attempts(failed(1, 500, false), failed(1, 500, false), ok(2))
                .build());

        Scrape scrape = scrape(metrics);
        assertThat(scrape.sum("gateway_upstream_errors_total", "provider", "provider-1"))
                .isEqualTo(2.0);
        assertThat(scrape.sum("gateway_retries_total", "provider", "provider-1"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_requests_total", "provider", "provider-2"))
                .isEqualTo(1.0);
    }

    @Test
    void latencyRunsFromReceiptToTheEndAndTimeToFirstByteIsTheAnsweringCalls() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(exchange().firstByteMs(30L).stream(true).build());

        Scrape scrape = scrape(metrics);
        String duration = "gen_ai_client_operation_duration_seconds";
        assertThat(scrape.sum(duration + "_sum", "model", "gpt", "stream", "true", "status_class", "2xx"))
                .isEqualTo(1.5);
        assertThat(scrape.sum(duration + "_bucket", "le", "1.0")).isZero();
        assertThat(scrape.sum(duration + "_bucket", "le", "2.5")).isEqualTo(1.0);
        assertThat(scrape.values(duration + "_bucket", "le"))
                .containsExactly(
                        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0",
                        "60.0", "120.0", "300.0", "600.0", "+Inf");
        String firstByte = "gateway_time_to_first_byte_seconds";
        assertThat(scrape.sum(firstByte + "_sum", "provider", "provider-1")).isEqualTo(0.03);
        assertThat(scrape.sum(firstByte + "_bucket", "le", "0.025")).isZero();
        assertThat(scrape.sum(firstByte + "_bucket", "le", "0.05")).isEqualTo(1.0);
    }

    @Test
    void noTimeToFirstByteWhenNoResponseWasRelayed() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(exchange().status(502).firstByteMs(null).build());

        Scrape scrape = scrape(metrics);
        assertThat(scrape.series("gateway_time_to_first_byte_seconds_count")).isEmpty();
        assertThat(scrape.sum("gen_ai_client_operation_duration_seconds_count", "status_class", "5xx"))
                .isEqualTo(1.0);
    }

    @Test
    void providerReportedTokensComeFromTheRecordAndRecordTokensIsIgnored() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.exchangeFinished(
                exchange().usage(new TokenUsage(100L, 20L, null, null, null)).build());
        metrics.exchangeFinished(exchange().usage(TokenUsage.NONE).build());
        metrics.recordTokens("gpt", "provider-1", 1_000L, 1_000L);

        Scrape scrape = scrape(metrics);
        String tokens = "gen_ai_client_token_usage";
        assertThat(scrape.sum(tokens + "_sum", "model", "gpt", "provider", "provider-1", "gen_ai_token_type", "input"))
                .isEqualTo(100.0);
        assertThat(scrape.sum(tokens + "_sum", "gen_ai_token_type", "output")).isEqualTo(20.0);
        assertThat(scrape.sum(tokens + "_count", "gen_ai_token_type", "input")).isEqualTo(1.0);
        assertThat(scrape.sum(tokens + "_bucket", "gen_ai_token_type", "input", "le", "64.0"))
                .isZero();
        assertThat(scrape.sum(tokens + "_bucket", "gen_ai_token_type", "input", "le", "256.0"))
                .isEqualTo(1.0);
    }

    @Test
    void withLogAccountingOnlyRecordTokensCounts() {
        GatewayMetrics metrics = metrics(TokenSource.LOG_ACCOUNTING);

        metrics.exchangeFinished(
                exchange().usage(new TokenUsage(100L, 20L, null, null, null)).build());
        metrics.recordTokens("gpt", "provider-2", 7L, null);
        metrics.recordTokens("not-configured", "nor-this", 3L, 4L);

        Scrape scrape = scrape(metrics);
        String tokens = "gen_ai_client_token_usage_sum";
        assertThat(scrape.sum(tokens, "model", "gpt", "provider", "provider-2", "gen_ai_token_type", "input"))
                .isEqualTo(7.0);
        assertThat(scrape.sum(tokens, "model", "gpt", "gen_ai_token_type", "output"))
                .isZero();
        assertThat(scrape.sum(tokens, "model", "unknown", "provider", "unknown"))
                .isEqualTo(7.0);
        assertThat(scrape.sum(tokens)).isEqualTo(14.0);
    }

    @Test
    void inFlightCallsPerProviderAndOpenStreams() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);

        metrics.attemptStarted("provider-1");
        metrics.attemptStarted("provider-1");
        metrics.attemptStarted("provider-2");
        metrics.attemptEnded("provider-1");
        metrics.streamOpened();
        metrics.streamOpened();
        metrics.streamClosed();

        Scrape scrape = scrape(metrics);
        assertThat(scrape.sum("gateway_upstream_requests_in_flight", "provider", "provider-1"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_upstream_requests_in_flight", "provider", "provider-2"))
                .isEqualTo(1.0);
        assertThat(scrape.sum("gateway_open_streams")).isEqualTo(1.0);
        assertThat(scrape.sum("gateway_upstream_max_connections")).isEqualTo(64.0);
        assertThat(scrape.sum("gateway_upstream_max_wait_queue")).isEqualTo(128.0);
    }

    @Test
    void logWriterFiguresReadZeroUntilAWriterIsBound() {
        GatewayMetrics metrics = metrics(TokenSource.PROVIDER_REPORTED);
        assertThat(scrape(metrics).sum("gateway_log_rows_written_total")).isZero();

        metrics.bindLogWriter(new FixedStats(10, 6, 3, 1, 4, 123_456));

        Scrape scrape = scrape(metrics);
        assertThat(scrape.sum("gateway_log_rows_queued_total")).isEqualTo(10.0);
        assertThat(scrape.sum("gateway_log_rows_written_total")).isEqualTo(6.0);
        assertThat(scrape.sum("gateway_log_rows_spilled_total")).isEqualTo(3.0);
        assertThat(scrape.sum("gateway_log_rows_dropped_total")).isEqualTo(1.0);
        assertThat(scrape.sum("gateway_log_queue_depth")).isEqualTo(4.0);
        assertThat(scrape.sum("gateway_log_queue_capacity")).isEqualTo(500.0);
        assertThat(scrape.sum("gateway_log_queue_bytes")).isEqualTo(123_456.0);
        assertThat(scrape.sum("gateway_log_queue_max_bytes")).isEqualTo(64.0 * 1024 * 1024);
    }

    @Test
    void theScrapeIsPrometheusTextWithJvmFiguresToo() {
        Scrape scrape = scrape(metrics(TokenSource.PROVIDER_REPORTED));

        assertThat(scrape.text()).contains("# TYPE gateway_open_streams gauge");
        assertThat(scrape.series("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(scrape.series("process_uptime_seconds")).isNotEmpty();
    }

    private record FixedStats(long queued, long written, long spilled, long dropped, int queueDepth, long queuedBytes)
            implements LogWriterStats {}

    static AttemptRecord ok(long provider) {
        return new AttemptRecord(provider, "provider-" + provider, "t", 200, false, 10, Optional.empty());
    }

    static AttemptRecord failed(long provider, int status, boolean transport) {
        return new AttemptRecord(
                provider, "provider-" + provider, "t", status, transport, 10, Optional.of("failed " + status));
    }

    static ExchangeBuilder exchange() {
        return new ExchangeBuilder();
    }

    /** A successful non-stream chat request for {@code gpt}, answered by provider 1, unless told otherwise. */
    static final class ExchangeBuilder {
        private String model = "gpt";
        private int status = 200;
        private List<AttemptRecord> attempts = List.of(ok(1));
        private Long firstByteMs = 10L;
        private boolean stream;
        private TokenUsage usage = TokenUsage.NONE;

        ExchangeBuilder model(String model) {
            this.model = model;
            return this;
        }

        ExchangeBuilder status(int status) {
            this.status = status;
            return this;
        }

        ExchangeBuilder attempts(AttemptRecord... attempts) {
            this.attempts = List.of(attempts);
            return this;
        }

        ExchangeBuilder firstByteMs(Long firstByteMs) {
            this.firstByteMs = firstByteMs;
            return this;
        }

        ExchangeBuilder stream(boolean stream) {
            this.stream = stream;
            return this;
        }

        ExchangeBuilder usage(TokenUsage usage) {
            this.usage = usage;
            return this;
        }

        ExchangeRecord build() {
            ResponseSummary summary = new ResponseSummary(usage, "", false, new byte[0], false, stream, 0);
            return new ExchangeRecord(
                    "trace",
                    T0,
                    Endpoint.CHAT_COMPLETIONS,
                    new ApiKeyEntry(1, "key", true),
                    model,
                    stream,
                    new byte[0],
                    List.of(),
                    attempts.size(),
                    attempts,
                    (int) attempts.stream().filter(a -> a.error().isPresent()).count(),
                    status,
                    Optional.ofNullable(firstByteMs),
                    Optional.of(Duration.ofMillis(1500).toMillis()),
                    0,
                    summary,
                    Optional.empty());
        }
    }
}
