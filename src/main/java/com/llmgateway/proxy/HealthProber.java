package com.llmgateway.proxy;

import com.llmgateway.health.Admission;
import com.llmgateway.health.FailureKind;
import com.llmgateway.health.HealthKey;
import com.llmgateway.health.ProviderHealth;
import com.llmgateway.protocol.HeaderRules;
import com.llmgateway.protocol.UpstreamUrl;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.SnapshotHolder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cheap health probe: a provider whose circuit is open, whose cooldown is over and that no real request has tried
 * for a while gets one {@code GET} on its models endpoint (never a billed call), taking the circuit's half-open probe
 * slot. Success closes the circuit without waiting for a client to risk a request on it; failure re-opens it.
 */
final class HealthProber implements AutoCloseable {
    /** How often due providers are looked for. */
    static final Duration PERIOD = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final UpstreamClient upstream;
    private final ProviderHealth health;
    private final SnapshotHolder snapshots;
    private final Duration timeout;
    private final long timerId;

    HealthProber(
            Vertx vertx, UpstreamClient upstream, ProviderHealth health, SnapshotHolder snapshots, Duration timeout) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.health = health;
        this.snapshots = snapshots;
        this.timeout = timeout;
        this.timerId = vertx.setPeriodic(PERIOD.toMillis(), id -> probeDue());
    }

    private void probeDue() {
        for (long providerId : health.needsProbe()) {
            snapshots.get().provider(providerId).filter(ProviderConfig::active).ifPresent(this::probe);
        }
    }

    private void probe(ProviderConfig provider) {
        Admission admission = health.tryAdmit(HealthKey.provider(provider.id()));
        if (!admission.allowed()) {
            return;
        }
        String url = UpstreamUrl.resolve(provider.baseUrl(), "/v1/models", null);
        MultiMap headers = HeaderRules.upstreamHeaders(
                MultiMap.caseInsensitiveMultiMap(), provider.protocol(), provider.apiKey(), provider.extraHeaders());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setHeaders(headers)
                .setIdleTimeout(timeout.toMillis());
        long start = System.nanoTime();
        upstream.open(options, url.regionMatches(true, 0, "https:", 0, 6))
                .compose(request -> request.send())
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(done -> {
                    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (done.succeeded() && RetryPolicy.isSuccess(done.result())) {
                        health.recordSuccess(admission, elapsed);
                    } else if (done.succeeded()) {
                        int status = done.result();
                        health.recordFailure(
                                admission,
                                FailureKind.ofStatus(status),
                                status,
                                Optional.empty(),
                                "probe: HTTP " + status);
                    } else {
                        health.recordFailure(
                                admission, FailureKind.TRANSPORT, 502, Optional.empty(), "probe: " + done.cause());
                    }
                });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
