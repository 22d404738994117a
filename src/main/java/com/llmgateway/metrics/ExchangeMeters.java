package com.llmgateway.metrics;

import com.llmgateway.proxy.AttemptRecord;
import com.llmgateway.proxy.ExchangeRecord;
import com.llmgateway.proxy.FailureClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The meters fed by finished exchanges: requests, latency, time to first byte, retries, failovers and upstream errors.
 * Label values come from {@link Labels} or from closed sets (endpoint, protocol, status, failure class).
 */
final class ExchangeMeters {
    private final Labels labels;
    private final Clock clock;
    private final MeterProvider<Counter> requests;
    private final MeterProvider<Timer> duration;
    private final MeterProvider<Timer> firstByte;
    private final MeterProvider<Counter> retries;
    private final MeterProvider<Counter> failovers;
    private final MeterProvider<Counter> upstreamErrors;

    ExchangeMeters(MeterRegistry registry, Labels labels, Clock clock) {
        this.labels = labels;
        this.clock = clock;
        this.requests = Counter.builder("gateway.requests")
                .description("Client requests answered, by requested model, final provider, endpoint and status")
                .withRegistry(registry);
        this.duration = Timer.builder("gen_ai.client.operation.duration")
                .description("Time from receiving a client request to the end of its answer, retries included")
                .serviceLevelObjectives(Buckets.LATENCY)
                .withRegistry(registry);
        this.firstByte = Timer.builder("gateway.time.to.first.byte")
                .description("Time from the start of the answering upstream call to its response headers")
                .serviceLevelObjectives(Buckets.LATENCY)
                .withRegistry(registry);
        this.retries = Counter.builder("gateway.retries")
                .description("Upstream calls that repeated a failed call on the same provider")
                .withRegistry(registry);
        this.failovers = Counter.builder("gateway.failovers")
                .description("Client requests that moved to another provider after a failure")
                .withRegistry(registry);
        this.upstreamErrors = Counter.builder("gateway.upstream.errors")
                .description("Failed upstream calls by provider and class")
                .withRegistry(registry);
    }

    /** The labels every exchange meter shares, resolved once per record. */
    private record Common(String model, String provider, String endpoint, String stream) {
        /** The labels of both latency histograms. */
        Tags histogram() {
            return Tags.of("model", model, "provider", provider, "endpoint", endpoint, "stream", stream);
        }
    }

    void record(ExchangeRecord record) {
        Common common = new Common(
                labels.model(record.requestedModel()),
                record.finalAttempt()
                        .map(attempt -> labels.provider(attempt.providerName()))
                        .orElse(Labels.NONE),
                record.endpoint().name().toLowerCase(Locale.ROOT),
                String.valueOf(record.stream()));
        String statusClass = statusClass(record.status());
        requests.withTags(
                        "model", common.model(),
                        "provider", common.provider(),
                        "endpoint", common.endpoint(),
                        "protocol", record.endpoint().protocol().wireName(),
                        "status", String.valueOf(record.status()),
                        "status_class", statusClass)
                .increment();
        duration.withTags(common.histogram().and("status_class", statusClass)).record(clientLatency(record));
        record.firstByteDelayMs()
                .ifPresent(ms -> firstByte.withTags(common.histogram()).record(Duration.ofMillis(ms)));
        recordAttempts(common.model(), record.attempts());
    }

    private void recordAttempts(String model, List<AttemptRecord> attempts) {
        boolean switched = false;
        for (int i = 0; i < attempts.size(); i++) {
            AttemptRecord attempt = attempts.get(i);
            String provider = labels.provider(attempt.providerName());
            Optional<FailureClass> failure = attempt.failureClass();
            failure.ifPresent(kind -> upstreamErrors
                    .withTags("model", model, "provider", provider, "error_class", kind.label())
                    .increment());
            if (i > 0) {
                boolean sameProvider = attempts.get(i - 1).providerId() == attempt.providerId();
                if (sameProvider) {
                    retries.withTags("model", model, "provider", provider).increment();
                }
                switched |= !sameProvider;
            }
        }
        if (switched) {
            failovers.withTags("model", model).increment();
        }
    }

    /** As the client saw it: from receipt of the request to now, the end of the exchange. */
    private Duration clientLatency(ExchangeRecord record) {
        Duration elapsed = Duration.between(record.requestTime(), clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /** {@code 2xx} ... {@code 5xx}; {@code none} when the client left before any status was sent. */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "none";
    }
}
