package com.llmgateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.routing.LatencyTracker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ProviderHealth} on a {@link TestClock}, with one-line outcomes for tests. */
final class HealthFixture {
    /** Provider 1 serves mappings 11 and 12; provider 2 serves mapping 21. */
    static final HealthKey A = HealthKey.mapping(1, 11);

    static final HealthKey B = HealthKey.mapping(1, 12);
    static final HealthKey OTHER = HealthKey.mapping(2, 21);
    static final HealthKey PROVIDER_1 = HealthKey.provider(1);

    final TestClock clock = new TestClock();
    final LatencyTracker latency = new LatencyTracker();
    final List<HealthTransition> transitions = new CopyOnWriteArrayList<>();
    final ProviderHealth health;

    HealthFixture() {
        this(HealthThresholds.DEFAULTS);
    }

    HealthFixture(HealthThresholds thresholds) {
        health = new ProviderHealth(thresholds, latency, clock, transitions::add);
    }

    Admission admit(HealthKey key) {
        Admission admission = health.tryAdmit(key);
        assertThat(admission.allowed()).as("admitted on %s", key).isTrue();
        return admission;
    }

    void succeed(HealthKey key) {
        health.recordSuccess(admit(key), 100);
    }

    void fail(HealthKey key, int status) {
        fail(admit(key), status, Optional.empty());
    }

    void fail(Admission admission, int status, Optional<Duration> retryAfter) {
        health.recordFailure(
                admission, FailureKind.ofStatus(status), status, retryAfter, "Upstream returned status " + status);
    }

    void failTransport(HealthKey key) {
        health.recordFailure(
                admit(key), FailureKind.TRANSPORT, 502, Optional.empty(), "Request error: Connection refused");
    }

    /** Ten 500s in a row: the default minimum count at a ratio of 1. */
    void trip(HealthKey key) {
        for (int i = 0; i < 10; i++) {
            fail(key, 500);
        }
        assertThat(health.state(key)).isEqualTo(HealthState.OPEN);
    }

    HealthState state(HealthKey key) {
        return health.state(key);
    }

    HealthSnapshot snapshotOf(HealthKey key) {
        return health.snapshot().stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    /** The transitions so far as "FROM->TO" strings. */
    List<String> moves() {
        return transitions.stream().map(t -> t.from() + "->" + t.to()).toList();
    }
}
