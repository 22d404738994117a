package com.llmgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundRobinTest {

    static Stream<Arguments> rotations() {
        return Stream.of(
                arguments(1, List.of(0, 0, 0)),
                arguments(2, List.of(0, 1, 0, 1)),
                arguments(3, List.of(0, 1, 2, 0, 1)));
    }

    @ParameterizedTest(name = "{0} candidates -> {1}")
    @MethodSource("rotations")
    void rotatesFromTheFirstCandidate(int candidates, List<Integer> expected) {
        RoundRobin roundRobin = new RoundRobin();

        List<Integer> starts = new ArrayList<>();
        expected.forEach(ignored -> starts.add(roundRobin.startIndex("m", candidates)));

        assertThat(starts).isEqualTo(expected);
    }

    @Test
    void modelsRotateIndependently() {
        RoundRobin roundRobin = new RoundRobin();

        assertThat(roundRobin.startIndex("a", 2)).isZero();
        assertThat(roundRobin.startIndex("a", 2)).isOne();
        assertThat(roundRobin.startIndex("b", 2)).isZero();
        assertThat(roundRobin.startIndex("a", 2)).isZero();
        assertThat(roundRobin.startIndex("b", 2)).isOne();
    }

    @Test
    void counterKeepsCountingWhenTheCandidateCountChanges() {
        RoundRobin roundRobin = new RoundRobin();
        roundRobin.startIndex("m", 2);
        roundRobin.startIndex("m", 2);

        assertThat(roundRobin.startIndex("m", 3)).isEqualTo(2);
    }

    @Test
    void retainOnlyForgetsDeletedModels() {
        RoundRobin roundRobin = new RoundRobin();
        roundRobin.startIndex("kept", 2);
        roundRobin.startIndex("deleted", 2);

        roundRobin.retainOnly(Set.of("kept"));

        assertThat(roundRobin.startIndex("kept", 2)).isOne();
        assertThat(roundRobin.startIndex("deleted", 2)).isZero();
    }

    @Test
    void refusesAnEmptyCandidateList() {
        assertThatThrownBy(() -> new RoundRobin().startIndex("m", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRequestsAreSpreadEvenly() throws Exception {
        RoundRobin roundRobin = new RoundRobin();
        int threads = 8;
        int perThread = 10_000;
        int candidates = 4;
        AtomicIntegerArray hits = new AtomicIntegerArray(candidates);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        hits.incrementAndGet(roundRobin.startIndex("m", candidates));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }

        // Every turn is handed out exactly once, so each start index gets exactly its share.
        for (int i = 0; i < candidates; i++) {
            assertThat(hits.get(i)).isEqualTo(threads * perThread / candidates);
        }
    }
}
