package com.llmgateway.health;

import static com.llmgateway.health.HealthFixture.A;
import static com.llmgateway.health.HealthState.CLOSED;
import static com.llmgateway.health.HealthState.HALF_OPEN;
import static com.llmgateway.health.HealthState.OPEN;
import static com.llmgateway.health.HealthState.RATE_LIMITED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One mapping's circuit under a scripted clock, with the default thresholds (10 requests, 0.5, 30 s cooldown). */
class CircuitTransitionsTest {
    private final HealthFixture f = new HealthFixture();

    static Stream<Arguments> windows() {
        return Stream.of(
                // Below the minimum count nothing trips, however bad.
                arguments(0, 9, CLOSED),
                arguments(0, 10, OPEN),
                arguments(5, 5, OPEN),
                arguments(6, 4, CLOSED),
                arguments(10, 9, CLOSED),
                arguments(10, 10, OPEN),
                arguments(100, 49, CLOSED));
    }

    @ParameterizedTest(name = "{0} successes then {1} failures -> {2}")
    @MethodSource("windows")
    void tripsOnTheErrorRatioOnceTheMinimumCountIsReached(int successes, int failures, HealthState expected) {
        for (int i = 0; i < successes; i++) {
            f.succeed(A);
        }
        for (int i = 0; i < failures; i++) {
            f.fail(A, 500);
        }

        assertThat(f.state(A)).isEqualTo(expected);
        assertThat(f.health.admits(A)).isEqualTo(expected == CLOSED);
    }

    @Test
    void outcomesOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 9; i++) {
            f.fail(A, 500);
        }
        f.clock.advance(Duration.ofSeconds(31));

        f.fail(A, 500);

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.snapshotOf(A).requestsInWindow()).isOne();
    }

    @Test
    void bucketsFallOutOneAtATime() {
        for (int i = 0; i < 5; i++) {
            f.fail(A, 500);
        }
        f.clock.advance(Duration.ofSeconds(15));
        for (int i = 0; i < 4; i++) {
            f.fail(A, 500);
        }
        // 29 s after the first five: all nine still count, so the tenth trips.
        f.clock.advance(Duration.ofSeconds(14));

        f.fail(A, 500);

        assertThat(f.state(A)).isEqualTo(OPEN);
    }

    @Test
    void anOpenCircuitWaitsItsCooldownThenLetsExactlyOneProbeThrough() {
        f.trip(A);

        f.clock.advance(Duration.ofMillis(29_999));
        assertThat(f.health.admits(A)).isFalse();
        assertThat(f.health.tryAdmit(A).allowed()).isFalse();

        f.clock.advanceMillis(1);
        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
        assertThat(f.health.admits(A)).isTrue();
        Admission probe = f.health.tryAdmit(A);
        assertThat(probe.allowed()).isTrue();
        assertThat(probe.probe()).isTrue();

        // While the probe is out, everyone else still skips this candidate.
        assertThat(f.health.admits(A)).isFalse();
        assertThat(f.health.tryAdmit(A).allowed()).isFalse();
    }

    @Test
    void theProbesSuccessCloses() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission probe = f.health.tryAdmit(A);

        f.health.recordSuccess(probe, 250);

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.health.tryAdmit(A).probe()).isFalse();
        assertThat(f.health.tryAdmit(A).allowed()).isTrue();
        assertThat(f.moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        // Closing starts a fresh window: one more failure does not trip again.
        f.fail(A, 500);
        assertThat(f.state(A)).isEqualTo(CLOSED);
    }

    static Stream<Arguments> cooldowns() {
        return Stream.of(
                arguments(1, Duration.ofSeconds(30)),
                arguments(2, Duration.ofSeconds(60)),
                arguments(3, Duration.ofSeconds(120)),
                arguments(4, Duration.ofSeconds(240)),
                arguments(5, Duration.ofSeconds(300)),
                arguments(8, Duration.ofSeconds(300)));
    }

    @ParameterizedTest(name = "trip {0} -> open for {1}")
    @MethodSource("cooldowns")
    void eachFailedProbeReopensForTwiceAsLongUpToTheMaximum(int trips, Duration expected) {
        f.trip(A);
        for (int trip = 2; trip <= trips; trip++) {
            f.clock.advance(HealthThresholds.DEFAULTS.cooldownAfter(trip - 1));
            Admission probe = f.health.tryAdmit(A);
            assertThat(probe.probe()).isTrue();
            f.fail(probe, 500, Optional.empty());
        }
        HealthSnapshot snapshot = f.snapshotOf(A);

        assertThat(snapshot.state()).isEqualTo(OPEN);
        assertThat(snapshot.consecutiveTrips()).isEqualTo(trips);
        assertThat(snapshot.openUntil()).hasValue(f.clock.instant().plus(expected));
        f.clock.advance(expected.minusMillis(1));
        assertThat(f.state(A)).isEqualTo(OPEN);
        f.clock.advanceMillis(1);
        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
    }

    @Test
    void onlyTheProbesOutcomeDecidesAHalfOpenCircuit() {
        Admission early = f.admit(A);
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission probe = f.health.tryAdmit(A);

        // An attempt admitted before the trip ends now: it counts, but it is not the probe.
        f.health.recordSuccess(early, 100);
        assertThat(f.state(A)).isEqualTo(HALF_OPEN);

        f.health.recordSuccess(probe, 100);
        assertThat(f.state(A)).isEqualTo(CLOSED);
    }

    @Test
    void anAbandonedProbeFreesTheSlot() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission probe = f.health.tryAdmit(A);

        f.health.abandon(probe);

        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
        assertThat(f.health.tryAdmit(A).probe()).isTrue();
    }

    @Test
    void aProbeWithoutOutcomeLosesItsSlotAfterTheLease() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission lost = f.health.tryAdmit(A);
        assertThat(lost.probe()).isTrue();

        f.clock.advance(HealthThresholds.DEFAULTS.probeLease().minusMillis(1));
        assertThat(f.health.tryAdmit(A).allowed()).isFalse();
        f.clock.advanceMillis(1);
        Admission next = f.health.tryAdmit(A);
        assertThat(next.probe()).isTrue();

        // The lost probe's late outcome no longer decides.
        f.health.recordSuccess(lost, 100);
        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
    }

    @Test
    void concurrentAdmissionsOnAHalfOpenCircuitLetExactlyOneThrough() throws Exception {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return f.health.tryAdmit(A).allowed();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isOne();
        }
    }

    static Stream<Arguments> retryHints() {
        return Stream.of(arguments(429, Duration.ofSeconds(2)), arguments(503, Duration.ofMillis(1_500)));
    }

    @ParameterizedTest(name = "{0} asking {1}")
    @MethodSource("retryHints")
    void aRetryHintOpensForExactlyThatLongThenAdmitsEveryone(int status, Duration wait) {
        f.fail(f.admit(A), status, Optional.of(wait));

        assertThat(f.state(A)).isEqualTo(RATE_LIMITED);
        assertThat(f.snapshotOf(A).openUntil()).hasValue(TestClock.START.plus(wait));
        f.clock.advance(wait.minusMillis(1));
        assertThat(f.health.admits(A)).isFalse();

        f.clock.advanceMillis(1);
        // No probe: the provider said when it would accept again.
        assertThat(f.health.tryAdmit(A).probe()).isFalse();
        assertThat(f.health.tryAdmit(A).allowed()).isTrue();
        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.transitions)
                .extracting(HealthTransition::to, HealthTransition::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RATE_LIMITED, TestClock.START),
                        org.assertj.core.groups.Tuple.tuple(CLOSED, TestClock.START.plus(wait)));
    }

    @Test
    void aRetryHintOverridesTheRatio() {
        for (int i = 0; i < 9; i++) {
            f.fail(A, 500);
        }

        f.fail(f.admit(A), 429, Optional.of(Duration.ofSeconds(2)));

        // Ten failures, but the hinted one is handled by its hint alone: open for 2 s, not a 30 s cooldown.
        assertThat(f.state(A)).isEqualTo(RATE_LIMITED);
        f.clock.advance(Duration.ofSeconds(2));
        assertThat(f.state(A)).isEqualTo(CLOSED);
    }

    @Test
    void aLaterLongerHintExtendsTheWait() {
        Admission first = f.admit(A);
        Admission second = f.admit(A);
        f.fail(first, 429, Optional.of(Duration.ofSeconds(2)));

        f.clock.advance(Duration.ofSeconds(1));
        f.fail(second, 429, Optional.of(Duration.ofSeconds(5)));

        assertThat(f.snapshotOf(A).openUntil()).hasValue(TestClock.START.plusSeconds(6));
    }

    @Test
    void aHintWithoutAUsableStatusOrWithZeroWaitIsAnOrdinaryFailure() {
        f.fail(f.admit(A), 500, Optional.of(Duration.ofSeconds(2)));
        f.fail(f.admit(A), 429, Optional.of(Duration.ZERO));
        f.fail(f.admit(A), 429, Optional.empty());

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.snapshotOf(A).requestsInWindow()).isEqualTo(3);
        assertThat(f.snapshotOf(A).errorRatio()).isEqualTo(1.0);
    }

    @Test
    void aHintNeverClosesATrippedCircuitItOnlyDelaysTheProbe() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission probe = f.health.tryAdmit(A);

        f.fail(probe, 429, Optional.of(Duration.ofSeconds(5)));

        assertThat(f.state(A)).isEqualTo(OPEN);
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
        assertThat(f.health.tryAdmit(A).probe()).isTrue();
    }

    @Test
    void clientErrorsDoNotCount() {
        for (int status : new int[] {400, 404, 413, 422}) {
            for (int i = 0; i < 10; i++) {
                f.fail(A, status);
            }
        }

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.snapshotOf(A).requestsInWindow()).isZero();
        assertThat(f.snapshotOf(A).lastError()).isEmpty();
    }

    @Test
    void aClientErrorFromTheProbeNeitherClosesNorReopens() {
        f.trip(A);
        f.clock.advance(Duration.ofSeconds(30));
        Admission probe = f.health.tryAdmit(A);

        f.fail(probe, 400, Optional.empty());

        assertThat(f.state(A)).isEqualTo(HALF_OPEN);
        assertThat(f.health.tryAdmit(A).probe()).isTrue();
    }

    @Test
    void aFullGatewayPoolCountsAgainstNobody() {
        for (int i = 0; i < 20; i++) {
            f.health.recordFailure(f.admit(A), FailureKind.POOL_FULL, 503, Optional.of(Duration.ofSeconds(9)), "full");
        }

        assertThat(f.state(A)).isEqualTo(CLOSED);
        assertThat(f.state(HealthFixture.PROVIDER_1)).isEqualTo(CLOSED);
        assertThat(f.health.snapshot())
                .allSatisfy(s -> assertThat(s.requestsInWindow()).isZero());
    }
}
