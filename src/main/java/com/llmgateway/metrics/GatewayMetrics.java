package com.llmgateway.metrics;

import com.llmgateway.config.Settings;
import com.llmgateway.health.HealthListener;
import com.llmgateway.health.HealthTransition;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.proxy.ExchangeListener;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.proxy.ProxyActivity;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.usage.TokenUsage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's metrics, served as Prometheus text by {@link #scrape()}. Names follow the OpenTelemetry GenAI
 * conventions where one exists ({@code gen_ai_client_operation_duration_seconds}, {@code gen_ai_client_token_usage}
 * with {@code gen_ai_token_type}); the rest are {@code gateway_*}.
 *
 * <p>Fed four ways: as the {@link ExchangeListener} of every finished exchange (requests, latency, time to first
 * byte, retries, failovers, upstream errors), as the {@link ProxyActivity} of the proxy (open streams, upstream calls
 * in flight per provider), as the {@link HealthListener} of provider health (transitions; the states are read at each
 * scrape once {@link #bindHealth} was called), and by the request-log writer ({@link #bindLogWriter}, {@link
 * #recordTokens}).
 *
 * <p>Labels are bounded: {@code model} and {@code provider} only take names configured in the routing snapshot
 * ({@code unknown} otherwise, never what a client sent), the others take values from closed sets. See {@link Labels}.
 *
 * <p>Tokens are counted from one source only, chosen at construction ({@link TokenSource}), so they are never counted
 * twice.
 */
public final class GatewayMetrics implements ExchangeListener, ProxyActivity, HealthListener {
    /** The Prometheus text exposition format, version 0.0.4: what {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

    /** Where token counts come from. */
    public enum TokenSource {
        /**
         * The usage the provider reported, read from each exchange record ({@code summary().providerUsage()});
         * requests without reported usage add no tokens. {@link #recordTokens} is ignored.
         */
        PROVIDER_REPORTED,
        /**
         * The request log's accounting, reported by the log writer through {@link #recordTokens} for each row it
         * builds, estimates included; exchange records add no tokens.
         */
        LOG_ACCOUNTING
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Labels labels;
    private final TokenSource tokenSource;
    private final ExchangeMeters exchanges;
    private final ActivityGauges activity;
    private final HealthMeters health;
    private final MeterProvider<DistributionSummary> tokens;
    private final AtomicReference<LogWriterStats> logWriter = new AtomicReference<>(LogWriterStats.NONE);
    private final AtomicBoolean warnedAboutTokens = new AtomicBoolean();

    public GatewayMetrics(Settings settings, SnapshotHolder snapshots, TokenSource tokenSource) {
        this(settings, snapshots, tokenSource, Clock.systemUTC());
    }

    GatewayMetrics(Settings settings, SnapshotHolder snapshots, TokenSource tokenSource, Clock clock) {
        this.labels = new Labels(snapshots);
        this.tokenSource = tokenSource;
        this.exchanges = new ExchangeMeters(registry, labels, clock);
        this.activity = new ActivityGauges(
                registry, labels, settings.upstreamMaxConnections(), settings.upstreamMaxWaitQueue());
        this.health = new HealthMeters(registry, labels, snapshots);
        this.tokens = DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per request, by requested model, final provider and token type")
                .serviceLevelObjectives(Buckets.TOKENS)
                .withRegistry(registry);
        registerLogWriter(settings.logs().queueCapacity(), settings.logs().queueMaxBytes());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        health.refresh();
        return registry.scrape();
    }

    /** From now on each scrape reads the state of every circuit of {@code providerHealth}. */
    public void bindHealth(ProviderHealth providerHealth) {
        health.bind(providerHealth::snapshot);
    }

    @Override
    public void onTransition(HealthTransition transition) {
        health.transition(transition);
    }

    /** From now on the log gauges and counters read {@code stats}. */
    public void bindLogWriter(LogWriterStats stats) {
        logWriter.set(stats);
    }

    /**
     * Counts the tokens of one request-log row; {@code null} means not known. Only with {@link
     * TokenSource#LOG_ACCOUNTING}: otherwise the exchange already counted the provider's figures and the call is ignored.
     * {@code model} and {@code provider} are the row's requested model and provider name; names that are not configured
     * are labelled {@code unknown}. Thread-safe.
     */
    public void recordTokens(String model, String provider, Long input, Long output) {
        if (tokenSource != TokenSource.LOG_ACCOUNTING) {
            if (warnedAboutTokens.compareAndSet(false, true)) {
                LOG.warn(
                        "recordTokens ignored: metrics count provider-reported tokens (TokenSource.PROVIDER_REPORTED)");
            }
            return;
        }
        countTokens(labels.model(model), provider == null ? Labels.NONE : labels.provider(provider), input, output);
    }

    @Override
    public void exchangeFinished(ExchangeRecord record) {
        exchanges.record(record);
        if (tokenSource == TokenSource.PROVIDER_REPORTED) {
            TokenUsage usage = record.summary().providerUsage();
            String provider = record.finalAttempt()
                    .map(attempt -> labels.provider(attempt.providerName()))
                    .orElse(Labels.NONE);
            countTokens(labels.model(record.requestedModel()), provider, usage.inputTokens(), usage.outputTokens());
        }
    }

    @Override
    public void attemptStarted(String provider) {
        activity.attemptStarted(provider);
    }

    @Override
    public void attemptEnded(String provider) {
        activity.attemptEnded(provider);
    }

    @Override
    public void streamOpened() {
        activity.streamOpened();
    }

    @Override
    public void streamClosed() {
        activity.streamClosed();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    private void countTokens(String model, String provider, Long input, Long output) {
        if (input != null && input >= 0) {
            tokens.withTags("model", model, "provider", provider, "gen_ai_token_type", "input")
                    .record(input);
        }
        if (output != null && output >= 0) {
            tokens.withTags("model", model, "provider", provider, "gen_ai_token_type", "output")
                    .record(output);
        }
    }

    private void registerLogWriter(int queueCapacity, long queueMaxBytes) {
        logCounter(
                "gateway.log.rows.queued", "Request-log rows accepted from the request path", LogWriterStats::queued);
        logCounter("gateway.log.rows.written", "Request-log rows committed to the database", LogWriterStats::written);
        logCounter("gateway.log.rows.spilled", "Request-log rows appended to the spill file", LogWriterStats::spilled);
        logCounter("gateway.log.rows.dropped", "Request-log rows lost (spill file full)", LogWriterStats::dropped);
        Gauge.builder("gateway.log.queue.depth", logWriter, stats -> stats.get().queueDepth())
                .description("Request-log rows waiting in memory")
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.log.queue.capacity", () -> queueCapacity)
                .description("Request-log rows the in-memory queue holds (LOG_QUEUE_CAPACITY)")
                .register(registry);
        Gauge.builder("gateway.log.queue.bytes", logWriter, stats -> stats.get().queuedBytes())
                .description("Memory the waiting request-log rows hold, their request bodies above all")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("gateway.log.queue.max.bytes", () -> queueMaxBytes)
                .description("Memory the waiting request-log rows may hold (LOG_QUEUE_MAX_BYTES)")
                .baseUnit("bytes")
                .register(registry);
    }

    private void logCounter(String name, String description, ToLongFunction<LogWriterStats> read) {
        FunctionCounter.builder(name, logWriter, stats -> read.applyAsLong(stats.get()))
                .description(description)
                .register(registry);
    }
}
