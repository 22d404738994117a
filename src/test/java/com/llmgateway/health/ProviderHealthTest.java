package com.llmgateway.health;

import static com.llmgateway.health.HealthFixture.A;
import static com.llmgateway.health.HealthFixture.B;
import static com.llmgateway.health.HealthFixture.OTHER;
import static com.llmgateway.health.HealthFixture.PROVIDER_1;
import static com.llmgateway.health.HealthState.CLOSED;
import static com.llmgateway.health.HealthState.HALF_OPEN;
import static com.llmgateway.health.HealthState.KEY_INVALID;
import static com.llmgateway.health.HealthState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.routing.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where failures are charged, the provider's key, the cheap probe hook, snapshots and configuration. */
class ProviderHealthTest {
    private final HealthFixture f = new HealthFixture();

    static Stream<Arguments> blame() {
        // kind, status -> provider-wide state, state of the mapping that failed, state of a sibling mapping
        return Stream.of(
                arguments(FailureKind.TRANSPORT, 502, OPEN, CLOSED),
                arguments(FailureKind.STATUS_5XX, 500, CLOSED, OPEN),
                arguments(FailureKind.STATUS_429, 429, CLOSED, OPEN),
                arguments(FailureKind.TIMEOUT, 504, CLOSED, OPEN),
                arguments(FailureKind.STATUS_4XX, 402, CLOSED, OPEN),
                arguments(FailureKind.STREAM_ERROR, 200, CLOSED, OPEN),
                arguments(FailureKind.CLIENT_ERROR, 400, CLOSED, CLOSED),
                arguments(FailureKind.POOL_FULL, 503, CLOSED, CLOSED));
    }

    @ParameterizedTest(name = "{0} -> provider {2}, mapping {3}")
    @MethodSource("blame")
    void failuresAreChargedWhereTheyBelong(FailureKind kind, int status, HealthState provider, HealthState mapping) {
        for (int i = 0; i < 10; i++) {
            f.health.recordFailure(f.admit(A), kind, status, Optional.empty(), kind + " failure");
        }

        assertThat(f.state(PROVIDER_1)).isEqualTo(provider);
        assertThat(f.state(A)).isEqualTo(mapping);
        // A provider-wide failure takes every mapping of the provider out; a mapping's only that mapping.
        assertThat(f.health.admits(B)).isEqualTo(provider == CLOSED);
        assertThat(f.health.admits(A)).isEqualTo(provider == CLOSED && mapping == CLOSED);
        assertThat(f.health.admits(OTHER)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authStatuses")
    void aRefusedKeyTakesTheProviderOutUntilItIsReset(int status) {
        f.fail(A, status);

        assertThat(f.state(PROVIDER_1)).isEqualTo(KEY_INVALID);
        assertThat(f.health.admits(A)).isFalse();
        assertThat(f.health.tryAdmit(B).allowed()).isFalse();
        assertThat(f.health.admits(OTHER)).isTrue();
        f.clock.advance(Duration.ofDays(7));
        assertThat(f.health.admits(A)).isFalse();

        f.health.resetProvider(1);

        assertThat(f.health.admits(A)).isTrue();
        assertThat(f.state(PROVIDER_1)).isEqualTo(CLOSED);
        assertThat(f.transitions)
                .extracting(HealthTransition::key, HealthTransition::from, HealthTransition::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PROVIDER_1, CLOSED, KEY_INVALID),
                        org.assertj.core.groups.Tuple.tuple(PROVIDER_1, KEY_INVALID, CLOSED));
    }

    static Stream<Integer> authStatuses() {
        return Stream.of(401, 403);
    }

    @Test
    void anOutcomeAdmittedBeforeAResetLandsOnTheForgottenCircuits() {
        Admission withOldKey = f.admit(A);
        f.health.resetProvider(1);

        f.health.recordFailure(withOldKey, FailureKind.AUTH, 401, Optional.empty(), "invalid x-api-key");

        assertThat(f.health.admits(A)).isTrue();
        assertThat(f.state(PROVIDER_1)).isEqualTo(CLOSED);
    }

    @Test
    void resetForgetsOnlyThatProvider() {
        f.trip(A);
        f.trip(OTHER);

        f.health.resetProvider(1);

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.state(OTHER)).isEqualTo(OPEN);
    }

    @Test
    void anAttemptNeedsBothItsProvidersAndItsMappingsAdmission() {
        f.trip(A);
        // A's ten 500s count as answers for the provider, so ten transport failures make the ratio 0.5.
        for (int i = 0; i < 10; i++) {
            f.failTransport(B);
        }
        f.clock.advance(Duration.ofSeconds(30));
        // Both half open now. A's attempt takes both probes; B's would need the provider's, which is out.
        Admission both = f.health.tryAdmit(A);
        assertThat(both.probe()).isTrue();
        assertThat(f.health.tryAdmit(B).allowed()).isFalse();

        f.health.recordSuccess(both, 100);

        assertThat(f.state(PROVIDER_1)).isEqualTo(CLOSED);
        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.health.tryAdmit(B).allowed()).isTrue();
    }

    @Test
    void theProviderProbeIsNotSpentOnAMappingThatRefuses() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission mappingProbe = f.health.tryAdmit(A);
        for (int i = 0; i < 10; i++) {
            f.failTransport(B);
        }
        f.clock.advance(Duration.ofSeconds(30));

        // The provider is half open; A's own probe is still out, so A is refused without taking the provider's.
        assertThat(f.health.tryAdmit(A).allowed()).isFalse();
        assertThat(f.health.tryAdmit(B).probe()).isTrue();
        f.health.abandon(mappingProbe);
    }

    @Test
    void aRefusedAdmissionHasNoOutcome() {
        f.fail(A, 401);
        Admission refused = f.health.tryAdmit(A);

        assertThat(refused.allowed()).isFalse();
        assertThatThrownBy(() -> f.health.recordSuccess(refused, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.health.abandon(refused)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheapProbeIsSuggestedForAnIdleProviderOnlyOnceItsCooldownIsOver() {
        for (int i = 0; i < 10; i++) {
            f.failTransport(A);
        }
        assertThat(f.health.needsProbe()).isEmpty();

        f.clock.advance(Duration.ofSeconds(30));
        // Real traffic gets the first chance.
        assertThat(f.health.needsProbe()).isEmpty();
        f.clock.advance(ProviderHealth.PROBE_IDLE);
        assertThat(f.health.needsProbe()).containsExactly(1L);

        Admission probe = f.health.tryAdmit(PROVIDER_1);
        assertThat(probe.probe()).isTrue();
        assertThat(f.health.needsProbe()).isEmpty();
        f.health.recordSuccess(probe, 40);

        assertThat(f.state(PROVIDER_1)).isEqualTo(CLOSED);
        assertThat(f.health.needsProbe()).isEmpty();
        // The models endpoint's latency says nothing about a model's.
        assertThat(f.latency.ofProvider(1)).isEmpty();
    }

    @Test
    void aFailedCheapProbeReopensTheProvider() {
        for (int i = 0; i < 10; i++) {
            f.failTransport(A);
        }
        f.clock.advance(Duration.ofSeconds(40));
        Admission probe = f.health.tryAdmit(PROVIDER_1);

        // A 5xx from the models endpoint is the provider's: there is no mapping to charge.
        f.health.recordFailure(probe, FailureKind.STATUS_5XX, 502, Optional.empty(), "bad gateway");

        assertThat(f.state(PROVIDER_1)).isEqualTo(OPEN);
        assertThat(f.snapshotOf(PROVIDER_1).consecutiveTrips()).isEqualTo(2);
    }

    @Test
    void mappingCircuitsAreNotProbedCheaply() {
        f.trip(A);
        f.clock.advance(Duration.ofMinutes(5));

        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
        assertThat(f.health.needsProbe()).isEmpty();
    }

    @Test
    void snapshotsShowEachCircuitProvidersFirst() {
        f.health.recordSuccess(f.admit(A), 200);
        f.health.recordSuccess(f.admit(A), 300);
        f.succeed(OTHER);
        f.clock.advance(Duration.ofSeconds(1));
        f.trip(B);

        List<HealthSnapshot> snapshots = f.health.snapshot();

        assertThat(snapshots)
                .extracting(HealthSnapshot::key)
                .containsExactly(PROVIDER_1, A, B, HealthKey.provider(2), OTHER);
        HealthSnapshot provider = snapshots.get(0);
        assertThat(provider.state()).isEqualTo(CLOSED);
        assertThat(provider.requestsInWindow()).isEqualTo(12);
        assertThat(provider.errorRatio()).isZero();
        assertThat(provider.latencyEwmaMillis()).isPresent();
        assertThat(provider.lastError()).isEmpty();
        HealthSnapshot a = snapshots.get(1);
        assertThat(a.latencyEwmaMillis().getAsDouble()).isEqualTo(220.0);
        assertThat(a.openUntil()).isEmpty();
        HealthSnapshot b = snapshots.get(2);
        Instant tripped = TestClock.START.plusSeconds(1);
        assertThat(b.state()).isEqualTo(OPEN);
        assertThat(b.errorRatio()).isEqualTo(1.0);
        assertThat(b.requestsInWindow()).isEqualTo(10);
        assertThat(b.latencyEwmaMillis()).isEmpty();
        assertThat(b.openUntil()).hasValue(tripped.plusSeconds(30));
        assertThat(b.lastError()).hasValue("Upstream returned status 500");
        assertThat(b.lastErrorAt()).hasValue(tripped);
        assertThat(b.consecutiveTrips()).isOne();
    }

    @Test
    void longErrorTextsAreCut() {
        f.health.recordFailure(f.admit(A), FailureKind.STATUS_5XX, 500, Optional.empty(), "x".repeat(10_000));

        assertThat(f.snapshotOf(A).lastError().orElseThrow()).hasSize(Circuit.MAX_ERROR_LENGTH + 3);
    }

    @Test
    void transitionsCarryTheirReason() {
        f.trip(A);

        HealthTransition trip = f.transitions.getFirst();
        assertThat(trip.key()).isEqualTo(A);
        assertThat(trip.at()).isEqualTo(TestClock.START);
        assertThat(trip.reason()).isEqualTo("error ratio 1.00 over 10 requests; last: Upstream returned status 500");
    }

    @Test
    void aFailingListenerDoesNotBreakTheRequestPath() {
        ProviderHealth health = new ProviderHealth(HealthThresholds.DEFAULTS, f.latency, f.clock, transition -> {
            throw new IllegalStateException("listener bug");
        });
        for (int i = 0; i < 10; i++) {
            health.recordFailure(health.tryAdmit(A), FailureKind.STATUS_5XX, 500, Optional.empty(), "boom");
        }

        assertThat(health.state(A)).isEqualTo(OPEN);
    }

    @Test
    void providersCanHaveTheirOwnThresholds() {
        HealthThresholds strict = new HealthThresholds(
                Duration.ofSeconds(30), 2, 0.5, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1));
        f.fail(A, 500);
        f.fail(OTHER, 500);

        f.health.setThresholds(Map.of(2L, strict));
        f.fail(A, 500);
        f.fail(OTHER, 500);

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.state(OTHER)).isEqualTo(OPEN);
        assertThat(f.snapshotOf(OTHER).openUntil()).hasValue(TestClock.START.plusSeconds(5));
    }

    @Test
    void retainOnlyForgetsWhatTheSnapshotNoLongerHas() {
        f.succeed(OTHER);
        f.trip(A);
        f.trip(B);
        ProviderConfig provider = new ProviderConfig(
                1, "p", "http://p", Protocol.OPENAI, "chat", Optional.empty(), Map.of(), true, false);
        MappingConfig kept = new MappingConfig(11, "m", 1, "t", RuleSet.EMPTY, 1, 1, true);
        RoutingSnapshot snapshot = new RoutingSnapshot(
                Map.of(1L, provider),
                Map.of("m", new ModelConfig("m", "weighted", RuleSet.EMPTY, true, List.of(kept))),
                Map.of());

        f.health.retainOnly(snapshot);

        assertThat(f.health.snapshot()).extracting(HealthSnapshot::key).containsExactly(PROVIDER_1, A);
        assertThat(f.latency.ofProvider(2)).isEmpty();
    }

    @Test
    void successesFeedTheMappingsMovingAverage() {
        f.health.recordSuccess(f.admit(A), 100);
        f.health.recordSuccess(f.admit(B), 600);

        assertThat(f.latency.ofMapping(11)).hasValue(100.0);
        assertThat(f.latency.ofMapping(12)).hasValue(600.0);
        assertThat(f.latency.ofProvider(1).getAsDouble()).isEqualTo(200.0);
    }
}
